using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>
/// o200k token cost of lowercase-hex node ids without tokenizing whole prompts. o200k's pre-tokenizer cuts a hex id into
/// maximal letter runs (a leading space joins a first letter run; before a digit it is a token of its own) and digit runs
/// in chunks of three from the left; BPE never crosses those cuts, so an id's cost is the sum of its pieces' costs,
/// memoised per piece. An edge line <c>src -&gt; dst</c> then costs src + " -&gt;" + " dst", and each newline between lines
/// costs "\n" (the tests check these sums against full counts; the generator still verifies its final prompt).
/// </summary>
/// Not thread-safe: one instance per generator.
internal sealed class HexIdTokenCosts
{
    private readonly O200kTokenizer _tokenizer;
    private readonly Dictionary<string, int> _pieces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public HexIdTokenCosts(O200kTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        _lookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        Arrow = tokenizer.CountTokens(" ->");
        Newline = tokenizer.CountTokens("\n");
    }

    public int Arrow { get; }

    public int Newline { get; }

    /// <summary>Cost of an id at the start of a line.</summary>
    public int Source(ReadOnlySpan<char> id) => Cost(id, leadingSpace: false);

    /// <summary>Cost of <c>" " + id</c> (the target after the arrow).</summary>
    public int Target(ReadOnlySpan<char> id) => Cost(id, leadingSpace: true);

    private int Cost(ReadOnlySpan<char> id, bool leadingSpace)
    {
        var total = 0;
        var i = 0;
        if (leadingSpace)
        {
            Span<char> buffer = stackalloc char[id.Length + 1];
            buffer[0] = ' ';
            var end = id.Length > 0 && IsLetter(id[0]) ? LetterRunEnd(id, 0) : 0;
            id[..end].CopyTo(buffer[1..]);
            total += Piece(buffer[..(end + 1)]);
            i = end;
        }
        while (i < id.Length)
        {
            var end = i;
            if (IsLetter(id[i]))
            {
                end = LetterRunEnd(id, i);
            }
            else
            {
                while (end < id.Length && end - i < 3 && !IsLetter(id[end])) end++;
            }
            total += Piece(id[i..end]);
            i = end;
        }
        return total;
    }

    private int Piece(ReadOnlySpan<char> piece)
    {
        if (_lookup.TryGetValue(piece, out var cost)) return cost;
        var text = piece.ToString();
        cost = _tokenizer.CountTokens(text);
        _pieces[text] = cost;
        return cost;
    }

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z';

    private static int LetterRunEnd(ReadOnlySpan<char> id, int start)
    {
        var end = start;
        while (end < id.Length && IsLetter(id[end])) end++;
        return end;
    }
}
