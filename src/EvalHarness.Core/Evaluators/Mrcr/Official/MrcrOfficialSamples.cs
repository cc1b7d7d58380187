using System.Globalization;
using System.Runtime.CompilerServices;
using EvalHarness.Core.Text;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Official rows as samples, streamed in file order. Bins come from o200k counts of prompt + answer contents (the
/// dataset has no token column). A row is tokenized only if its cheap columns pass the filters, and counting stops
/// as soon as it exceeds the largest size still wanted.
/// </summary>
internal static class MrcrOfficialSamples
{
    /// <summary>A code point is at most 4 UTF-8 bytes and a token at least 1 byte, so tokens &lt;= 4 x chars.</summary>
    private const int MaxTokensPerChar = 4;

    /// <summary>
    /// Heuristic only used to skip rows that cannot fit: English text runs ~4-5 chars per o200k token; 32 leaves a
    /// wide margin.
    /// </summary>
    private const int MaxCharsPerToken = 32;

    public static async IAsyncEnumerable<EvalSample> GetAsync(MrcrOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var source = MrcrSource.Open(options.SourcePath!, options.NNeedles, options.DatasetVersion);
        var wantedBins = options.Bins;
        var minLo = wantedBins[0].Lo;
        long cap = options.MaxContextTokens ?? (options.BinsExplicit ? wantedBins[^1].Hi : long.MaxValue);
        var taken = new Dictionary<string, int>(StringComparer.Ordinal); // per group; lookups only

        bool Full(int n) => options.RowsPerBin is { } limit
            && wantedBins.All(b => taken.GetValueOrDefault(Group(n, b.Label)) >= limit)
            && (options.BinsExplicit || (taken.GetValueOrDefault(Group(n, MrcrSampleBuilder.OutOfRangeBelow)) >= limit
                                         && taken.GetValueOrDefault(Group(n, MrcrSampleBuilder.OutOfRangeAbove)) >= limit));

        bool Keep(MrcrRowHeader h)
        {
            if (!options.NNeedles.Contains(h.NNeedles) || Full(h.NNeedles)) return false;
            if (h.NChars is not { } chars) return true;
            // The answer repeats one message, so prompt + answer is at most twice the prompt's characters.
            if (options.BinsExplicit && 2 * MaxTokensPerChar * chars < minLo) return false;
            return chars / MaxCharsPerToken <= cap;
        }

        foreach (var file in source.Files)
        {
            if (file.NNeedles is { } fileN && Full(fileN)) continue;
            var rows = file.Format == MrcrFileFormat.Parquet
                ? MrcrParquetReader.ReadAsync(file, Keep, ct)
                : MrcrJsonlReader.ReadAsync(file, Keep, ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (!Keep(new MrcrRowHeader(row.NNeedles, row.NChars < 0 ? null : row.NChars))) continue;
                var messages = MrcrPromptParser.Parse(row.Prompt, row.Location);
                var tokens = CountTokens(messages, row.Answer, cap);
                if (tokens > cap) continue;
                var bin = MrcrBin.Find(tokens);
                if (bin is null ? options.BinsExplicit : !wantedBins.Contains(bin)) continue;
                var sample = Build(row, messages, bin, tokens, options.MaxOutputTokens);
                if (options.RowsPerBin is { } limit)
                {
                    var count = taken.GetValueOrDefault(sample.Group);
                    if (count >= limit) continue;
                    taken[sample.Group] = count + 1;
                }
                yield return sample;
            }
        }
    }

    /// <summary>Sum of per-content o200k counts (prompt messages + answer); stops early once above <paramref name="cap"/>.</summary>
    internal static long CountTokens(IReadOnlyList<ChatMessage> messages, string answer, long cap)
    {
        var tokenizer = O200kTokenizer.Shared;
        long total = tokenizer.CountTokens(answer);
        foreach (var m in messages)
        {
            if (total > cap) break;
            total += tokenizer.CountTokens(m.Content);
        }
        return total;
    }

    private static EvalSample Build(MrcrRow row, IReadOnlyList<ChatMessage> messages, MrcrBin? bin, long tokens, int maxOutputTokens)
    {
        var stem = Path.GetFileNameWithoutExtension(row.File.Path);
        var id = row.File.Format == MrcrFileFormat.Jsonl
            ? string.Create(CultureInfo.InvariantCulture, $"jsonl-{stem}-{row.RowIndex + 1:D5}")
            : string.Create(CultureInfo.InvariantCulture, $"{row.File.Version}-{stem}-{row.RowIndex:D4}");
        long nChars = row.NChars;
        if (nChars < 0)
        {
            nChars = 0;
            foreach (var m in messages) nChars += CodePoints.Count(m.Content);
        }
        var version = row.File.Format == MrcrFileFormat.Jsonl ? "jsonl" : row.File.Version;
        return MrcrSampleBuilder.Build(
            id, messages, row.Answer, row.RandomStringToPrepend, row.NNeedles, bin, tokens,
            row.TotalMessages >= 0 ? row.TotalMessages : messages.Count, row.DesiredMsgIndex, nChars, version, row.DateAdded,
            maxOutputTokens);
    }

    private static string Group(int n, string binLabel) => string.Create(CultureInfo.InvariantCulture, $"n={n};bin={binLabel}");
}
