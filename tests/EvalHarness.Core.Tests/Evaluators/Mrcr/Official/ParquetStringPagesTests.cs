using EvalHarness.Core.Evaluators.Mrcr.Official;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr.Official;

public sealed class ParquetStringPagesTests : IDisposable
{
    private readonly string _dir = MrcrOfficialFixture.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void HybridDecoderMatchesTheParquetSpecExamples()
    {
        // parquet-format Encodings.md: 0..7 bit-packed with width 3 -> one group, bytes 10001000 11000110 11111010.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], ParquetStringPages.DecodeHybridInts([0x03, 0x88, 0xC6, 0xFA], 3, 8));
        // An RLE run: header (5 << 1) = 0x0A, then the value 7 in ceil(8 / 8) = 1 byte.
        Assert.Equal([7, 7, 7, 7, 7], ParquetStringPages.DecodeHybridInts([0x0A, 0x07], 8, 5));
        // A run followed by a bit-packed group (width 1): 1,1 then 1,0,1.
        Assert.Equal([1, 1, 1, 0, 1], ParquetStringPages.DecodeHybridInts([0x04, 0x01, 0x03, 0b101], 1, 5));
    }

    /// <summary>
    /// A dictionary-encoded optional chunk as pyarrow writes small-cardinality text, built byte by byte from the
    /// parquet-format spec (Thrift compact PageHeader, PLAIN dictionary page, RLE_DICTIONARY data page v1).
    /// </summary>
    [Fact]
    public void DictionaryEncodedPagesDecode()
    {
        static byte[] Plain(params string[] values) =>
            [.. values.SelectMany(v => BitConverter.GetBytes(v.Length).Concat(System.Text.Encoding.UTF8.GetBytes(v)))];
        // Thrift compact: 0x15 = next field (delta 1), i32; zigzag(n) = 2n for n >= 0 (all values here are < 64).
        static byte[] Header(int type, int size, byte subField, params int[] sub) =>
            [0x15, (byte)(2 * type), 0x15, (byte)(2 * size), 0x15, (byte)(2 * size), subField, .. sub.SelectMany(v => new byte[] { 0x15, (byte)(2 * v) }), 0x00, 0x00];

        var dict = Plain("alpha", "beta");
        // Values alpha, null, beta, alpha: definition levels 1,0,1,1 (bit-packed, width 1) behind a 4-byte length,
        // then bit width 1 and dictionary indexes 0,1,0 (bit-packed).
        byte[] data = [0x02, 0, 0, 0, 0x03, 0b1101, 0x01, 0x03, 0b010];
        byte[] chunk =
        [
            .. Header(2, dict.Length, 0x4C, 2, 0), .. dict,      // field 7 (delta 4 from 3): DictionaryPageHeader{2 values, PLAIN}
            .. Header(0, data.Length, 0x2C, 4, 8, 3, 3), .. data, // field 5 (delta 2): DataPageHeader{4 values, RLE_DICTIONARY, RLE, RLE}
        ];
        var path = Path.Combine(_dir, "dict.bin");
        File.WriteAllBytes(path, [0xAA, .. chunk]);
        var meta = new ColumnMetaData
        {
            Type = Parquet.Meta.Type.BYTE_ARRAY, Codec = CompressionCodec.UNCOMPRESSED, NumValues = 4,
            DictionaryPageOffset = 1, DataPageOffset = 1 + Header(2, dict.Length, 0x4C, 2, 0).Length + dict.Length,
            TotalCompressedSize = chunk.Length,
            Encodings = [Parquet.Meta.Encoding.PLAIN, Parquet.Meta.Encoding.RLE_DICTIONARY, Parquet.Meta.Encoding.RLE],
        };
        Assert.True(ParquetStringPages.CanStream(path, meta));
        Assert.Equal(["alpha", null, "beta", "alpha"], ParquetStringPages.Read(path, meta, optional: true).ToArray());
    }

    public static TheoryData<string> Codecs() => new() { "None", "Snappy", "Gzip", "Zstd" };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task PagesGiveTheSameValuesAsParquetNet(string codec)
    {
        var ct = TestContext.Current.CancellationToken;
        var method = Enum.Parse<CompressionMethod>(codec);
        var path = Path.Combine(_dir, $"s-{codec}.parquet");
        var unique = new DataField<string>("unique", true);
        var repeated = new DataField<string>("repeated", true);
        var required = new DataField<string>("required", false);
        const int rows = 3000;
        var uniqueValues = Enumerable.Range(0, rows).Select(i => i % 7 == 3 ? null : $"row {i}: " + new string((char)('a' + i % 26), i % 500) + " \u00e9\U0001F600").ToList();
        var repeatedValues = Enumerable.Range(0, rows).Select(i => i % 11 == 0 ? null : (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-05-2025").ToList();
        var requiredValues = Enumerable.Range(0, rows).Select(i => $"v{i % 40}").ToList();
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(unique, repeated, required), stream, new ParquetOptions { CompressionMethod = method, DictionaryEncodingThreshold = 0.9 }, false, ct))
        {
            for (var g = 0; g < 2; g++)
            {
                using var rg = writer.CreateRowGroup();
                await rg.WriteAsync(unique, uniqueValues.Skip(g * rows / 2).Take(rows / 2).ToList());
                await rg.WriteAsync(repeated, repeatedValues.Skip(g * rows / 2).Take(rows / 2).ToList());
                await rg.WriteAsync(required, requiredValues.Skip(g * rows / 2).Take(rows / 2).ToList());
            }
        }

        await using var reader = await ParquetReader.CreateAsync(path, null, ct);
        var sawDictionary = false;
        var encodings = "";
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var rg = reader.OpenRowGroupReader(g);
            foreach (var field in reader.Schema.GetDataFields())
            {
                var meta = rg.GetMetadata(field)!.MetaData!;
                Assert.True(ParquetStringPages.CanStream(path, meta), $"{codec} {field.Name}: {string.Join(",", meta.Encodings)}");
                encodings += field.Name + ":" + string.Join(",", meta.Encodings) + " dict@" + meta.DictionaryPageOffset + ";";
                sawDictionary |= meta.DictionaryPageOffset is > 0;
                var expected = new string?[rg.RowCount];
                await rg.ReadAsync(field, expected.AsMemory()!, null, ct);
                var actual = ParquetStringPages.Read(path, meta, field.IsNullable).ToArray();
                Assert.Equal(expected, actual);
            }
        }
        Assert.False(sawDictionary, encodings); // Parquet.Net writes PLAIN; dictionary pages are covered below
        // And against the source values, not only Parquet.Net.
        var all = new List<string?>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var rg = reader.OpenRowGroupReader(g);
            all.AddRange(ParquetStringPages.Read(path, rg.GetMetadata(unique)!.MetaData!, true));
        }
        Assert.Equal(uniqueValues, all);
    }
}
