using System.Buffers.Binary;
using System.IO.Compression;
using Parquet.Meta;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Reads one BYTE_ARRAY (string) column chunk page by page, yielding one value at a time, so a multi-GB chunk (an
/// official MRCR file written as a single row group) never has to be decoded whole, unlike Parquet.Net, which decodes
/// a column chunk at once. Supports what common writers produce for text: PLAIN and dictionary encodings, data pages
/// v1 (pyarrow's default), uncompressed / Snappy / gzip / zstd, an optional (max definition level 1) or required
/// top-level column. <see cref="CanStream"/> checks a chunk's metadata and page headers before any value is read; the
/// caller falls back to Parquet.Net otherwise.
/// </summary>
internal static class ParquetStringPages
{
    private const int Plain = 0, PlainDictionary = 2, RleDictionary = 8;

    /// <summary>
    /// True when <see cref="IsSupported"/> holds and every page header of the chunk is a dictionary page or a v1 data
    /// page with a supported encoding (headers are read and the page bodies skipped, so this costs a few seeks).
    /// </summary>
    public static bool CanStream(string path, ColumnMetaData meta)
    {
        if (!IsSupported(meta)) return false;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            var (start, end) = Extent(meta);
            file.Position = start;
            while (file.Position < end)
            {
                var h = ParquetPageHeader.Read(file);
                var ok = h.Type switch
                {
                    ParquetPageHeader.DictionaryPage => h.Encoding is Plain or PlainDictionary,
                    ParquetPageHeader.DataPage => h.Encoding is Plain or PlainDictionary or RleDictionary,
                    ParquetPageHeader.IndexPage => true,
                    _ => false,
                };
                if (!ok || h.CompressedSize < 0) return false;
                file.Position += h.CompressedSize;
            }
            return file.Position == end;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false;
        }
    }

    private static (long Start, long End) Extent(ColumnMetaData meta)
    {
        var start = meta.DictionaryPageOffset is { } d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
        return (start, start + meta.TotalCompressedSize);
    }

    public static bool IsSupported(ColumnMetaData meta) =>
        meta.Type == Parquet.Meta.Type.BYTE_ARRAY
        && meta.Codec is CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD
        && meta.Encodings.All(e => e is Parquet.Meta.Encoding.PLAIN or Parquet.Meta.Encoding.PLAIN_DICTIONARY or Parquet.Meta.Encoding.RLE_DICTIONARY
                                   or Parquet.Meta.Encoding.RLE or Parquet.Meta.Encoding.BIT_PACKED);

    /// <summary>The chunk's values in row order (null where the definition level says null).</summary>
    public static IEnumerable<string?> Read(string path, ColumnMetaData meta, bool optional)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var (start, end) = Extent(meta);
        file.Position = start;
        string[]? dictionary = null;
        long produced = 0;
        while (produced < meta.NumValues && file.Position < end)
        {
            var header = ParquetPageHeader.Read(file);
            var raw = new byte[header.CompressedSize];
            file.ReadExactly(raw);
            switch (header.Type)
            {
                case ParquetPageHeader.DictionaryPage:
                    var dictData = Decompress(meta.Codec, raw, header.UncompressedSize);
                    dictionary = new string[header.NumValues];
                    var pos = 0;
                    for (var i = 0; i < dictionary.Length; i++) dictionary[i] = ReadPlain(dictData, ref pos);
                    break;
                case ParquetPageHeader.DataPage:
                {
                    var data = Decompress(meta.Codec, raw, header.UncompressedSize);
                    var p = 0;
                    byte[]? defs = null;
                    if (optional)
                    {
                        var len = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p));
                        defs = DecodeHybrid(data.AsSpan(p + 4, len), 1, header.NumValues);
                        p += 4 + len;
                    }
                    foreach (var v in Values(data, p, header, defs, dictionary)) yield return v;
                    produced += header.NumValues;
                    break;
                }
                default:
                    break; // index pages carry no values
            }
        }
    }

    private static IEnumerable<string?> Values(byte[] data, int pos, ParquetPageHeader header, byte[]? defs, string[]? dictionary)
    {
        var nonNull = 0;
        if (defs is null) nonNull = header.NumValues;
        else foreach (var x in defs) nonNull += x;

        if (header.Encoding == Plain)
        {
            for (var i = 0; i < header.NumValues; i++)
            {
                yield return defs is not null && defs[i] == 0 ? null : ReadPlain(data, ref pos);
            }
        }
        else if (header.Encoding is PlainDictionary or RleDictionary)
        {
            if (dictionary is null) throw new InvalidDataException("parquet dictionary-encoded page without a dictionary page");
            var width = data[pos];
            var indexes = DecodeHybridInts(data.AsSpan(pos + 1), width, nonNull);
            var k = 0;
            for (var i = 0; i < header.NumValues; i++)
            {
                yield return defs is not null && defs[i] == 0 ? null : dictionary[indexes[k++]];
            }
        }
        else
        {
            throw new NotSupportedException($"parquet string encoding {header.Encoding} is not supported by the page reader");
        }
    }

    private static string ReadPlain(byte[] data, ref int pos)
    {
        var len = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(pos));
        var s = System.Text.Encoding.UTF8.GetString(data, pos + 4, len);
        pos += 4 + len;
        return s;
    }

    private static byte[] DecodeHybrid(ReadOnlySpan<byte> src, int bitWidth, int count)
    {
        var ints = DecodeHybridInts(src, bitWidth, count);
        var result = new byte[count];
        for (var i = 0; i < count; i++) result[i] = (byte)ints[i];
        return result;
    }

    /// <summary>Parquet's RLE / bit-packing hybrid (LSB-first bit packing, little-endian run values).</summary>
    internal static int[] DecodeHybridInts(ReadOnlySpan<byte> src, int bitWidth, int count)
    {
        var result = new int[count];
        var produced = 0;
        var pos = 0;
        var byteWidth = (bitWidth + 7) / 8;
        while (produced < count)
        {
            ulong header = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = src[pos++];
                header |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }
            if ((header & 1) == 0)
            {
                var run = (int)(header >> 1);
                var value = 0;
                for (var i = 0; i < byteWidth; i++) value |= src[pos++] << (8 * i);
                for (var i = 0; i < run && produced < count; i++) result[produced++] = value;
            }
            else
            {
                var values = (int)(header >> 1) * 8;
                var bytes = (int)(header >> 1) * bitWidth;
                var group = src.Slice(pos, Math.Min(bytes, src.Length - pos));
                for (var i = 0; i < values && produced < count; i++)
                {
                    var v = 0;
                    for (var bit = 0; bit < bitWidth; bit++)
                    {
                        var at = i * bitWidth + bit;
                        if ((group[at >> 3] >> (at & 7) & 1) != 0) v |= 1 << bit;
                    }
                    result[produced++] = v;
                }
                pos += bytes;
            }
        }
        return result;
    }

    private static byte[] Decompress(CompressionCodec codec, byte[] raw, int uncompressedSize)
    {
        switch (codec)
        {
            case CompressionCodec.UNCOMPRESSED:
                return raw;
            case CompressionCodec.SNAPPY:
            {
                var output = new byte[uncompressedSize];
                var n = Snappier.Snappy.Decompress(raw, output);
                return n == uncompressedSize ? output : throw new InvalidDataException("parquet snappy page has the wrong size");
            }
            case CompressionCodec.GZIP:
            {
                var output = new byte[uncompressedSize];
                using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                gz.ReadExactly(output);
                return output;
            }
            case CompressionCodec.ZSTD:
            {
                using var zstd = new ZstdSharp.Decompressor();
                var output = new byte[uncompressedSize];
                var n = zstd.Unwrap(raw, output);
                return n == uncompressedSize ? output : throw new InvalidDataException("parquet zstd page has the wrong size");
            }
            default:
                throw new NotSupportedException($"parquet codec {codec} is not supported by the page reader");
        }
    }
}
