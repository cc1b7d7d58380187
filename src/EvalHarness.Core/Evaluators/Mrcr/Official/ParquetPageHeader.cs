namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>The fields of a parquet <c>PageHeader</c> the string page reader needs.</summary>
internal sealed class ParquetPageHeader
{
    public const int DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3;

    public int Type { get; private set; } = -1;
    public int UncompressedSize { get; private set; }
    public int CompressedSize { get; private set; }
    public int NumValues { get; private set; }
    public int Encoding { get; private set; }
    public int DefinitionLevelsByteLength { get; private set; }
    public int RepetitionLevelsByteLength { get; private set; }
    public bool IsCompressed { get; private set; } = true;

    public static ParquetPageHeader Read(Stream stream)
    {
        var r = new ThriftCompactReader(stream);
        var h = new ParquetPageHeader();
        r.BeginStruct();
        while (true)
        {
            var (id, type) = r.ReadFieldHeader();
            if (type == ThriftCompactReader.Stop) break;
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32: h.Type = (int)r.ReadZigZag(); break;
                case 2 when type == ThriftCompactReader.I32: h.UncompressedSize = (int)r.ReadZigZag(); break;
                case 3 when type == ThriftCompactReader.I32: h.CompressedSize = (int)r.ReadZigZag(); break;
                case 5 or 7 or 8 when type == ThriftCompactReader.Struct: h.ReadSubHeader(r, id); break;
                default: r.Skip(type); break;
            }
        }
        r.EndStruct();
        return h;
    }

    /// <summary>DataPageHeader (5), DictionaryPageHeader (7) or DataPageHeaderV2 (8).</summary>
    private void ReadSubHeader(ThriftCompactReader r, short which)
    {
        r.BeginStruct();
        while (true)
        {
            var (id, type) = r.ReadFieldHeader();
            if (type == ThriftCompactReader.Stop) break;
            if (id == 1 && type == ThriftCompactReader.I32) NumValues = (int)r.ReadZigZag();
            else if (which != 8 && id == 2 && type == ThriftCompactReader.I32) Encoding = (int)r.ReadZigZag();
            else if (which == 8 && id == 4 && type == ThriftCompactReader.I32) Encoding = (int)r.ReadZigZag();
            else if (which == 8 && id == 5 && type == ThriftCompactReader.I32) DefinitionLevelsByteLength = (int)r.ReadZigZag();
            else if (which == 8 && id == 6 && type == ThriftCompactReader.I32) RepetitionLevelsByteLength = (int)r.ReadZigZag();
            else if (which == 8 && id == 7 && type is ThriftCompactReader.True or ThriftCompactReader.False) IsCompressed = type == ThriftCompactReader.True;
            else r.Skip(type);
        }
        r.EndStruct();
    }
}
