using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Caching;

/// <summary>Section <c>Cache</c>: the opt-in response cache (see <see cref="ResponseCache"/>).</summary>
public sealed class CacheSettings
{
    public const string SectionName = "Cache";
    public const string DefaultFileName = "cache.db";

    /// <summary>Answer identical requests from the cache (also <c>run --cache</c>). Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>The SQLite file; a relative path resolves against <c>ResultsDir</c> (default results/cache.db, next to history.db).</summary>
    public string Path { get; set; } = DefaultFileName;

    /// <summary>Upper bound on the stored responses' bytes; the oldest entries are evicted first. 0 = no bound.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Upper bound on the number of entries; the oldest are evicted first. 0 = no bound.</summary>
    public long MaxEntries { get; set; }

    /// <summary>The database path: <paramref name="explicitPath"/> (a --path option) or Cache:Path under <paramref name="resultsDir"/>.</summary>
    public string ResolvePath(string resultsDir, string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return explicitPath;
        return System.IO.Path.Combine(resultsDir, string.IsNullOrWhiteSpace(Path) ? DefaultFileName : Path);
    }

    /// <summary>Refuses negative limits, naming the key.</summary>
    public void Validate()
    {
        if (MaxBytes < 0) throw new EvalInputException($"setting '{SectionName}:{nameof(MaxBytes)}': must be 0 (no bound) or a positive number of bytes, not {MaxBytes}");
        if (MaxEntries < 0) throw new EvalInputException($"setting '{SectionName}:{nameof(MaxEntries)}': must be 0 (no bound) or a positive count, not {MaxEntries}");
    }

    /// <summary>The section as configured (binding errors are the caller's: Configuration binds, this layer sits below it).</summary>
    public static IConfigurationSection Section(IConfiguration config) => config.GetSection(SectionName);
}
