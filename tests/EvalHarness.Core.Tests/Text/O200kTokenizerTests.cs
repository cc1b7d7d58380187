using System.Globalization;
using System.Text;
using EvalHarness.Core.Text;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Text;

public sealed class O200kTokenizerTests
{
    public static TheoryData<string> FixtureNames()
    {
        // The names are listed here (not read from ../shared) so a missing fixture fails loudly instead of vanishing.
        var names = new TheoryData<string>();
        foreach (var n in new[]
                 {
                     "01_hello", "02_empty", "03_emoji", "04_cjk", "05_spaces_run", "06_ws_mixed", "07_digits", "08_contractions",
                     "09_special", "10_code", "11_long_word", "12_long_nospace", "13_combining", "14_rtl_mixed", "15_urls",
                     "16_unicode_edge", "17_newlines_punct", "18_mixed_case", "a1_emoji_then_word", "a2_word_emoji_word",
                     "a3_cjk_extb", "a4_math_bold", "a5_emoji_punct", "a6_flag_letters", "a7_cafe", "a8_emoji_space_word",
                     "a9_symbol_bmp_word", "b1_gothic", "b2_emoji_apostrophe", "b3_emoji_digits", "c1_astral_vs16_dash",
                     "c2_bmp_vs16_dash", "c3_astral_mark_dash", "c4_astral_letter", "c5_emoji_seq_text", "d1_yoshinoya",
                     "d2_extb_punct", "d3_math_mixed", "d4_emoji_letters", "d5_emoji_vs_letter",
                 })
        {
            names.Add(n + ".txt");
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void MatchesTiktokenIdsOnFixture(string name)
    {
        var idsFile = SharedData.RequireFile("o200k", "fixtures", "expected_o200k_ids.tsv");
        var countsFile = SharedData.RequireFile("o200k", "fixtures", "expected_o200k.tsv");
        var (expectedCount, expectedIds) = ReadExpected(idsFile, name);
        var countFromCountsFile = ReadCount(countsFile, name);
        Assert.Equal(expectedCount, countFromCountsFile);

        // Raw bytes: keep a BOM or CRLF exactly as tiktoken saw them.
        var text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(SharedData.RequireFile("o200k", "fixtures", name)));
        var tokenizer = O200kTokenizer.Shared;

        Assert.Equal(expectedIds, tokenizer.EncodeToIds(text));
        Assert.Equal(expectedCount, tokenizer.CountTokens(text));
    }

    [Fact]
    public void SpecialTokenStringsArePlainText()
    {
        // tiktoken ordinary mode: "<|endoftext|>" is '<', '|', 'endo', 'ft', 'ext', '|', '>' = 7 tokens, never id 199999.
        var ids = O200kTokenizer.Shared.EncodeToIds("<|endoftext|>");
        Assert.DoesNotContain(199999, ids);
        Assert.True(ids.Count > 1);
    }

    [Fact]
    public void PrefixByTokenCountNeverSplitsATokenAndAgreesWithCount()
    {
        var t = O200kTokenizer.Shared;
        const string text = "The quiet harbour keeps its lanterns lit. Another sentence follows here.";
        var total = t.CountTokens(text);
        Assert.Equal(text.Length, t.GetIndexByTokenCount(text, total));
        var cut = t.GetIndexByTokenCount(text, 5);
        Assert.Equal(5, t.CountTokens(text[..cut]));
        Assert.Equal(t.EncodeToIds(text).Take(5), t.EncodeToIds(text[..cut]));
    }

    [Fact]
    public void LastTokensStartIndexCoversExactlyTheTail()
    {
        var t = O200kTokenizer.Shared;
        const string text = "alpha beta gamma delta epsilon zeta eta theta";
        var start = t.GetStartIndexOfLastTokens(text, 3);
        Assert.Equal(t.EncodeToIds(text).TakeLast(3), t.EncodeToIds(text[start..]));
        Assert.Equal(0, t.GetStartIndexOfLastTokens(text, 1000));
    }

    private static (int Count, int[] Ids) ReadExpected(string path, string name)
    {
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !string.Equals(Path.GetFileName(parts[0]), name, StringComparison.Ordinal)) continue;
            var ids = parts[2].Length == 0
                ? []
                : parts[2].Split(',').Select(s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
            return (int.Parse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture), ids);
        }
        throw new InvalidOperationException($"{name} not in {path}");
    }

    private static int ReadCount(string path, string name)
    {
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && string.Equals(Path.GetFileName(parts[1]), name, StringComparison.Ordinal))
                return int.Parse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"{name} not in {path}");
    }
}
