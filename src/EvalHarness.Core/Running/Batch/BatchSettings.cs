using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Running.Batch;

/// <summary>Section <c>Batch</c>: <c>run --batch</c> (OpenAI's Batch API). See README "Batch mode".</summary>
public sealed class BatchSettings
{
    public const string SectionName = "Batch";

    /// <summary>First wait between two polls of a model's batches, in seconds; each further wait is 1.5 times longer.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>The longest wait between two polls, in seconds.</summary>
    public double MaxPollSeconds { get; set; } = 300;

    /// <summary>Lines per input file (OpenAI: 50,000).</summary>
    public int MaxLinesPerFile { get; set; } = 50_000;

    /// <summary>Bytes per input file (OpenAI: 200 MB).</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The batches' completion window (OpenAI accepts "24h").</summary>
    public string CompletionWindow { get; set; } = "24h";

    /// <summary>Refuses values no batch could be built or polled with, naming the key.</summary>
    public void Validate()
    {
        if (!(PollSeconds > 0)) throw Bad(nameof(PollSeconds), PollSeconds.ToString(CultureInfo.InvariantCulture), "a positive number of seconds");
        if (!(MaxPollSeconds >= PollSeconds)) throw Bad(nameof(MaxPollSeconds), MaxPollSeconds.ToString(CultureInfo.InvariantCulture), "a number of seconds >= Batch:PollSeconds");
        if (MaxLinesPerFile < 1) throw Bad(nameof(MaxLinesPerFile), MaxLinesPerFile.ToString(CultureInfo.InvariantCulture), "a positive count");
        if (MaxFileBytes < 1024) throw Bad(nameof(MaxFileBytes), MaxFileBytes.ToString(CultureInfo.InvariantCulture), "at least 1024 bytes");
        if (string.IsNullOrWhiteSpace(CompletionWindow)) throw Bad(nameof(CompletionWindow), CompletionWindow, "a window such as 24h");
    }

    private static EvalInputException Bad(string key, string value, string expected) =>
        new($"setting '{SectionName}:{key}': must be {expected}, not '{value}'");

    public static IConfigurationSection Section(IConfiguration config) => config.GetSection(SectionName);
}
