namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Just enough of Thrift's compact protocol to read a parquet <c>PageHeader</c> (parquet-format's parquet.thrift):
/// varints, zigzag integers, field headers and skipping of any value type.
/// </summary>
internal sealed class ThriftCompactReader(Stream stream)
{
    public const byte Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

    private readonly Stack<short> _lastField = new();
    private short _last;

    public int ReadByteOrThrow()
    {
        var b = stream.ReadByte();
        return b < 0 ? throw new InvalidDataException("unexpected end of parquet page header") : b;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByteOrThrow();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("varint too long in parquet page header");
    }

    public long ReadZigZag()
    {
        var v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public void BeginStruct()
    {
        _lastField.Push(_last);
        _last = 0;
    }

    public void EndStruct() => _last = _lastField.Pop();

    /// <summary>Next field header; type <see cref="Stop"/> ends the struct. Booleans carry their value in the type.</summary>
    public (short Id, byte Type) ReadFieldHeader()
    {
        var b = ReadByteOrThrow();
        var type = (byte)(b & 0x0F);
        if (type == Stop) return (0, Stop);
        var delta = b >> 4;
        _last = delta != 0 ? (short)(_last + delta) : (short)ReadZigZag();
        return (_last, type);
    }

    public void Skip(byte type)
    {
        switch (type)
        {
            case True or False: break;
            case Byte: ReadByteOrThrow(); break;
            case I16 or I32 or I64: ReadVarint(); break;
            case Double: for (var i = 0; i < 8; i++) ReadByteOrThrow(); break;
            case Binary:
                var n = (long)ReadVarint();
                for (long i = 0; i < n; i++) ReadByteOrThrow();
                break;
            case List or Set:
                var h = ReadByteOrThrow();
                var size = (long)(h >> 4);
                if (size == 15) size = (long)ReadVarint();
                var elem = (byte)(h & 0x0F);
                for (long i = 0; i < size; i++)
                {
                    if (elem is True or False) ReadByteOrThrow(); // list booleans take a byte each
                    else Skip(elem);
                }
                break;
            case Map:
                var count = (long)ReadVarint();
                if (count == 0) break;
                var kv = ReadByteOrThrow();
                for (long i = 0; i < count; i++)
                {
                    SkipElement((byte)(kv >> 4));
                    SkipElement((byte)(kv & 0x0F));
                }
                break;
            case Struct:
                BeginStruct();
                while (true)
                {
                    var (_, t) = ReadFieldHeader();
                    if (t == Stop) break;
                    Skip(t);
                }
                EndStruct();
                break;
            default: throw new InvalidDataException($"unknown thrift compact type {type} in parquet page header");
        }
    }

    private void SkipElement(byte type)
    {
        if (type is True or False) ReadByteOrThrow();
        else Skip(type);
    }
}
