using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed class NiahVocabularyTests
{
    [Fact]
    public void KeyAndValueWordsNeverOccurInTheHaystacks()
    {
        var hayWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { HaystackKind.Essay, HaystackKind.Noise })
        {
            foreach (Match m in Regex.Matches(MasterHaystack.Get(42, kind, 20_000).Text.ToLowerInvariant(), "[a-z]+")) hayWords.Add(m.Value);
        }
        foreach (var w in NiahVocabulary.KeyAdjectives.Concat(NiahVocabulary.KeyNouns).Concat(NiahVocabulary.ValueWords))
        {
            Assert.DoesNotContain(w, hayWords);
        }
        Assert.DoesNotContain("special", hayWords);
    }

    [Fact]
    public void ValueWordsAreDistinctAndNoneContainsAnother()
    {
        var words = NiahVocabulary.ValueWords;
        Assert.Equal(words.Length, words.Distinct(StringComparer.Ordinal).Count());
        foreach (var a in words)
        {
            foreach (var b in words)
            {
                if (!ReferenceEquals(a, b)) Assert.DoesNotContain(a, b, StringComparison.Ordinal);
            }
        }
    }
}
