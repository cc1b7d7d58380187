using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.History;

/// <summary>Section <c>History</c>: where the run history database lives.</summary>
public sealed class HistorySettings
{
    public const string SectionName = "History";
    public const string DefaultFileName = "history.db";

    /// <summary>The SQLite file; a relative path resolves against <c>ResultsDir</c> (default results/history.db).</summary>
    public string Path { get; set; } = DefaultFileName;

    /// <summary>The database path: <paramref name="explicitPath"/> (a --db option, relative to the working directory) or History:Path under ResultsDir.</summary>
    public static string ResolvePath(IConfiguration config, string resultsDir, string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return explicitPath;
        var configured = config[$"{SectionName}:{nameof(Path)}"];
        return System.IO.Path.Combine(resultsDir, string.IsNullOrWhiteSpace(configured) ? DefaultFileName : configured);
    }
}
