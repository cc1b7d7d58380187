using System.Globalization;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Console;

/// <summary>
/// Live counts of a run for the console: done/total and errors per (model, eval) cell and overall, and errors by
/// kind. Thread-safe (the engine reports from its workers).
/// </summary>
internal sealed class RunTally
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Model, string Eval), Cell> _cells = [];
    private readonly SortedDictionary<string, int> _byKind = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public int Done { get; private set; }

    public int Errors { get; private set; }

    public void Plan(string model, string eval, int samples)
    {
        lock (_lock)
        {
            _cells[(model, eval)] = new Cell(samples);
            Total += samples;
        }
    }

    /// <summary>Counts a finished sample; returns its cell's state after it.</summary>
    public Cell Finish(SampleResult result)
    {
        lock (_lock)
        {
            if (!_cells.TryGetValue((result.Model, result.Eval), out var cell)) _cells[(result.Model, result.Eval)] = cell = new Cell(0);
            cell.Done++;
            Done++;
            if (result.IsError)
            {
                cell.Errors++;
                Errors++;
                var kind = result.ErrorKind.ToCsv();
                _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
            }
            return cell with { };
        }
    }

    /// <summary>"3 errors (rate_limited 2, timeout 1)", most frequent first; "0 errors" when there are none.</summary>
    public string ErrorsText()
    {
        lock (_lock)
        {
            if (Errors == 0) return "0 errors";
            var kinds = _byKind.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => k.Key + " " + k.Value.ToString(CultureInfo.InvariantCulture));
            return string.Create(CultureInfo.InvariantCulture, $"{Errors} error{(Errors == 1 ? "" : "s")} ({string.Join(", ", kinds)})");
        }
    }

    /// <summary>"120/400 (30%)".</summary>
    public string ProgressText()
    {
        lock (_lock)
        {
            var percent = Total == 0 ? 100 : (int)(100L * Done / Total);
            return string.Create(CultureInfo.InvariantCulture, $"{Done}/{Total} ({percent}%)");
        }
    }

    internal sealed record Cell(int Total)
    {
        public int Done { get; set; }

        public int Errors { get; set; }

        public bool Complete => Done >= Total;
    }
}
