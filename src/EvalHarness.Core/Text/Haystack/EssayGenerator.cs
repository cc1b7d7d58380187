using System.Text;

namespace EvalHarness.Core.Text.Haystack;

/// <summary>
/// An endless, deterministic stream of essay-like sentences from <see cref="EssayWords"/>. Each sentence has 8-30 words,
/// single spaces, no digits, and ends with a letter followed by a full stop (which keeps token counts additive across
/// sentence seams; see <see cref="MasterHaystack"/>).
/// </summary>
internal sealed class EssayGenerator(ulong seed)
{
    public const int MinWords = 8;
    public const int MaxWords = 30;

    private readonly StablePrng _prng = new(seed);
    private readonly List<string> _words = new(40);

    /// <summary>Sentences per paragraph, drawn per paragraph.</summary>
    public int NextParagraphLength() => _prng.NextInt(3, 8);

    public string NextSentence()
    {
        while (true)
        {
            _words.Clear();
            Compose();
            if (_words.Count is >= MinWords and <= MaxWords) return Render();
        }
    }

    private void Compose()
    {
        var form = _prng.NextInt(10);
        if (form < 2) AddAll(_prng.Pick(EssayWords.Openers));
        else if (form < 4) AddAll(_prng.Pick(EssayWords.ClaimFrames));
        Clause();
        if (_prng.NextInt(3) == 0)
        {
            _words[^1] += ",";
            _words.Add(_prng.Pick(EssayWords.Joiners));
            Clause();
        }
    }

    private void Clause()
    {
        NounPhrase();
        if (_prng.NextInt(4) == 0) _words.Add(_prng.Pick(EssayWords.Adverbs));
        _words.Add(_prng.Pick(EssayWords.Verbs));
        NounPhrase();
        if (_prng.NextInt(2) == 0)
        {
            _words.Add(_prng.Pick(EssayWords.Prepositions));
            NounPhrase();
        }
    }

    private void NounPhrase()
    {
        _words.Add(_prng.Pick(EssayWords.Determiners));
        var adjectives = _prng.NextInt(4) switch { 0 => 0, 1 or 2 => 1, _ => 2 };
        for (var i = 0; i < adjectives; i++) _words.Add(_prng.Pick(EssayWords.Adjectives));
        _words.Add(_prng.Pick(EssayWords.Nouns));
        if (_prng.NextInt(6) == 0)
        {
            _words.Add("of");
            _words.Add("the");
            _words.Add(_prng.Pick(EssayWords.Nouns));
        }
    }

    private void AddAll(string phrase)
    {
        foreach (var w in phrase.Split(' ')) _words.Add(w);
    }

    private string Render()
    {
        var sb = new StringBuilder(_words.Count * 8);
        for (var i = 0; i < _words.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(_words[i]);
        }
        sb[0] = char.ToUpperInvariant(sb[0]);
        sb.Append('.');
        return sb.ToString();
    }
}
