using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;
using C = EvalHarness.Core.Evaluators.Mrcr.Official.MrcrColumns;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Streams rows of an official MRCR parquet file row group by row group: only one row group's columns are in memory
/// at a time (Parquet.Net decodes a column chunk whole, so a row group is the smallest unit). The small columns are
/// read first; the prompt column of a row group is skipped when no row of it passes <c>keep</c>.
/// </summary>
internal static class MrcrParquetReader
{
    public static async IAsyncEnumerable<MrcrRow> ReadAsync(
        MrcrSourceFile file, Func<MrcrRowHeader, bool> keep, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            // Some writers omit the UTF-8 annotation on string columns. No pooled stream memory is kept between row groups:
            // each one of the official set is hundreds of MB.
            reader = await ParquetReader.CreateAsync(file.Path, new ParquetOptions { TreatByteArrayAsString = true, MaximumLargePoolFreeBytes = 0, MaximumSmallPoolFreeBytes = 0 }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ParquetException)
        {
            throw new EvalInputException($"{file.Path}: not a readable parquet file ({e.Message})", e);
        }

        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields();
            DataField Required(string name) => Find(fields, name) ?? throw new EvalInputException($"{file.Path}: missing column '{name}'");
            var prompt = Required(C.Prompt);
            var answer = Required(C.Answer);
            var hash = Required(C.Hash);
            var needles = Required(C.NNeedles);
            var desired = Required(C.DesiredMsgIndex);
            var total = Find(fields, C.TotalMessages);
            var nChars = Find(fields, C.NChars);
            var date = Find(fields, C.DateAdded);

            long rowBase = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rg = reader.OpenRowGroupReader(g);
                var count = checked((int)rg.RowCount);
                var needleValues = await ReadLongs(rg, needles, count, file, cancellationToken).ConfigureAwait(false);
                var charValues = nChars is null ? null : await ReadLongs(rg, nChars, count, file, cancellationToken).ConfigureAwait(false);
                var kept = new bool[count];
                var any = false;
                for (var i = 0; i < count; i++)
                {
                    var n = needleValues[i] ?? throw new EvalInputException($"{file.Path} row {rowBase + i}: '{C.NNeedles}' is null");
                    kept[i] = keep(new MrcrRowHeader(checked((int)n), charValues?[i]));
                    any |= kept[i];
                }
                if (any)
                {
                    var desiredValues = await ReadLongs(rg, desired, count, file, cancellationToken).ConfigureAwait(false);
                    var totalValues = total is null ? null : await ReadLongs(rg, total, count, file, cancellationToken).ConfigureAwait(false);
                    var hashValues = await ReadStrings(rg, hash, count, file, cancellationToken).ConfigureAwait(false);
                    var dateValues = date is null ? null : await ReadStrings(rg, date, count, file, cancellationToken).ConfigureAwait(false);
                    var answerValues = await ReadStrings(rg, answer, count, file, cancellationToken).ConfigureAwait(false);
                    // The prompt column is most of the file: stream it page by page when the chunk's layout allows
                    // (a single-row-group file would otherwise be decoded whole), else let Parquet.Net read it.
                    var promptMeta = rg.GetMetadata(prompt)?.MetaData;
                    using var pages = promptMeta is not null && ParquetStringPages.CanStream(file.Path, promptMeta)
                        ? ParquetStringPages.Read(file.Path, promptMeta, prompt.IsNullable).GetEnumerator()
                        : null;
                    var promptValues = pages is null ? await ReadStrings(rg, prompt, count, file, cancellationToken).ConfigureAwait(false) : new string?[count];
                    for (var i = 0; i < count; i++)
                    {
                        if (pages is not null) promptValues[i] = NextPage(pages, file, rowBase + i);
                        if (!kept[i])
                        {
                            promptValues[i] = null;
                            continue;
                        }
                        var row = rowBase + i;
                        string NotNull(string?[] values, string column) =>
                            values[i] ?? throw new EvalInputException($"{file.Path} row {row}: '{column}' is null");
                        yield return new MrcrRow(
                            NotNull(promptValues, C.Prompt),
                            NotNull(answerValues, C.Answer),
                            NotNull(hashValues, C.Hash),
                            checked((int)needleValues[i]!.Value),
                            checked((int)(desiredValues[i] ?? throw new EvalInputException($"{file.Path} row {row}: '{C.DesiredMsgIndex}' is null"))),
                            totalValues?[i] is { } t ? checked((int)t) : -1,
                            charValues?[i] ?? -1,
                            dateValues?[i] ?? "",
                            file,
                            row);
                        promptValues[i] = null; // let the GC take each prompt once the consumer is done with it
                    }
                }
                rowBase += count;
            }
        }
    }

    private static string? NextPage(IEnumerator<string?> pages, MrcrSourceFile file, long row)
    {
        try
        {
            return pages.MoveNext() ? pages.Current : throw new EvalInputException($"{file.Path} row {row}: column '{C.Prompt}' has fewer values than rows");
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IndexOutOfRangeException or ArgumentOutOfRangeException or EndOfStreamException)
        {
            throw new EvalInputException($"{file.Path} row {row}: cannot read column '{C.Prompt}' ({e.Message})", e);
        }
    }

    private static DataField? Find(DataField[] fields, string name)
    {
        foreach (var f in fields)
        {
            if (string.Equals(f.Name, name, StringComparison.Ordinal) && !f.IsArray) return f;
        }
        return null;
    }

    private static async Task<string?[]> ReadStrings(ParquetRowGroupReader rg, DataField field, int count, MrcrSourceFile file, CancellationToken ct)
    {
        if (field.ClrType != typeof(string) && field.ClrType != typeof(ReadOnlyMemory<char>)) throw new EvalInputException($"{file.Path}: column '{field.Name}' is not a string column");
        var values = new string?[count];
        await rg.ReadAsync(field, values.AsMemory()!, null, ct).ConfigureAwait(false);
        return values;
    }

    /// <summary>Integer columns may be written as int32 or int64, required or optional (pandas writes optional int64).</summary>
    private static async Task<long?[]> ReadLongs(ParquetRowGroupReader rg, DataField field, int count, MrcrSourceFile file, CancellationToken ct)
    {
        var result = new long?[count];
        if (field.ClrType == typeof(long))
        {
            if (field.IsNullable)
            {
                await rg.ReadAsync<long>(field, result.AsMemory(), null, ct).ConfigureAwait(false);
            }
            else
            {
                var raw = new long[count];
                await rg.ReadAsync<long>(field, raw.AsMemory(), null, ct).ConfigureAwait(false);
                for (var i = 0; i < count; i++) result[i] = raw[i];
            }
        }
        else if (field.ClrType == typeof(int))
        {
            if (field.IsNullable)
            {
                var raw = new int?[count];
                await rg.ReadAsync<int>(field, raw.AsMemory(), null, ct).ConfigureAwait(false);
                for (var i = 0; i < count; i++) result[i] = raw[i];
            }
            else
            {
                var raw = new int[count];
                await rg.ReadAsync<int>(field, raw.AsMemory(), null, ct).ConfigureAwait(false);
                for (var i = 0; i < count; i++) result[i] = raw[i];
            }
        }
        else
        {
            throw new EvalInputException($"{file.Path}: column '{field.Name}' is {field.ClrType.Name}, expected an integer");
        }
        return result;
    }
}
