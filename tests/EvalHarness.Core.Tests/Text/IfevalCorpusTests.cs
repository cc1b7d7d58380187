using EvalHarness.Core.Text;
using EvalHarness.Core.Text.LanguageDetection;
using EvalHarness.Core.Text.Punkt;
using EvalHarness.Core.Tests.Text.LanguageDetection;
using EvalHarness.Core.Tests.Text.Punkt;

namespace EvalHarness.Core.Tests.Text;

/// <summary>
/// The text components against Google's reference verdicts on the 541 GPT-4 responses: every verdict that depends only
/// on Punkt, word_tokenize or langdetect must be reproduced, and the spec's corpus figures must hold (§8).
/// </summary>
public sealed partial class IfevalCorpusTests
{
    [Fact]
    public void PunktTotalsMatchTheSpec()
    {
        var punkt = PunktSentenceTokenizerTests.Tokenizer();
        var counts = IfevalCorpus.Responses().Select(punkt.CountSentences).ToList();
        // Spec §8: 6,943 sentences, i.e. 6,402 boundaries in 541 responses.
        Assert.Equal(6943, counts.Sum());
        Assert.Equal(6402, counts.Sum(c => c - 1));
    }

    [Fact]
    public void PunktBoundariesDifferFromANaiveSplitterAsTheSpecSays()
    {
        var punkt = PunktSentenceTokenizerTests.Tokenizer();
        int naiveOnly = 0, punktOnly = 0, naiveTotal = 0, sameCount = 0, sameCountWithClosers = 0;
        foreach (var response in IfevalCorpus.Responses())
        {
            // A boundary is where the next sentence starts.
            var punktStarts = punkt.SpanTokenize(response).Skip(1).Select(s => s.Start).ToHashSet();
            var naiveStarts = NaiveBoundary().Matches(response).Select(m => m.Index + m.Length).ToHashSet();
            var withClosers = NaiveBoundaryWithClosers().Matches(response).Count;
            naiveTotal += naiveStarts.Count;
            naiveOnly += naiveStarts.Count(p => !punktStarts.Contains(p));
            punktOnly += punktStarts.Count(p => !naiveStarts.Contains(p));
            if (naiveStarts.Count == punktStarts.Count) sameCount++;
            if (withClosers == punktStarts.Count) sameCountWithClosers++;
        }
        // Spec §8: boundaries 6,402 Punkt vs 6,274 naive; 97 found only by naive, 225 only by Punkt;
        // same count for 447/541 responses, 493/541 when closing quotes/brackets may follow the mark.
        Assert.Equal(6274, naiveTotal);
        Assert.Equal((97, 225), (naiveOnly, punktOnly));
        Assert.Equal((447, 493), (sameCount, sameCountWithClosers));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[.!?])[\s\x1C-\x1F]+(?=[^\s\x1C-\x1F])")]
    private static partial System.Text.RegularExpressions.Regex NaiveBoundary();

    [System.Text.RegularExpressions.GeneratedRegex(@"[.!?][""'”’)\]*]*[\s\x1C-\x1F]+(?=[^\s\x1C-\x1F])")]
    private static partial System.Text.RegularExpressions.Regex NaiveBoundaryWithClosers();

    [Fact]
    public void NumberSentencesVerdictsMatchTheReference()
    {
        var punkt = PunktSentenceTokenizerTests.Tokenizer();
        var items = IfevalCorpus.Items("length_constraints:number_sentences").ToList();
        Assert.Equal(52, items.Count);
        AssertVerdicts(items, item => v => IfevalCorpus.Relation(
            punkt.CountSentences(v), item.Kwargs.GetProperty("relation").GetString()!, item.Kwargs.GetProperty("num_sentences").GetInt32()));
    }

    [Fact]
    public void CapitalWordFrequencyVerdictsMatchTheReference()
    {
        var punkt = PunktSentenceTokenizerTests.Tokenizer();
        var items = IfevalCorpus.Items("change_case:capital_word_frequency").ToList();
        Assert.Equal(25, items.Count);
        AssertVerdicts(items, item => v => IfevalCorpus.Relation(
            CapitalWords(v, punkt), item.Kwargs.GetProperty("capital_relation").GetString()!, item.Kwargs.GetProperty("capital_frequency").GetInt32()));
    }

    [Fact]
    public void CapitalWordCountsDifferFromSimplerTokenizationsAsTheSpecSays()
    {
        var punkt = PunktSentenceTokenizerTests.Tokenizer();
        var responses = IfevalCorpus.Responses();
        var tokenized = responses.Select(r => CapitalWords(r, punkt)).ToList();
        var byWhitespace = responses.Select(r => PythonText.Split(r).Count(PythonText.IsUpper)).ToList();
        var byAsciiRuns = responses.Select(r => AsciiLetterRuns().Matches(r).Count(m => PythonText.IsUpper(m.Value))).ToList();
        // Spec §8 "Capital words": a whitespace split changes the count in 65/541 responses, ASCII letter runs in 55/541.
        Assert.Equal(65, tokenized.Zip(byWhitespace).Count(p => p.First != p.Second));
        Assert.Equal(55, tokenized.Zip(byAsciiRuns).Count(p => p.First != p.Second));
    }

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z]+")]
    private static partial System.Text.RegularExpressions.Regex AsciiLetterRuns();

    [Fact]
    public void LanguageVerdictsMatchTheReference()
    {
        var detector = LangdetectDetectorTests.Detector();
        var language = IfevalCorpus.Items("language:response_language").ToList();
        var capital = IfevalCorpus.Items("change_case:english_capital").ToList();
        var lower = IfevalCorpus.Items("change_case:english_lowercase").ToList();
        // Spec §7: 31 + 25 + 39 = 95 langdetect-dependent instructions.
        Assert.Equal((31, 25, 39), (language.Count, capital.Count, lower.Count));
        AssertVerdicts(language, item => v => DetectOrPass(detector, v, item.Kwargs.GetProperty("language").GetString()!));
        AssertVerdicts(capital, _ => v => PythonText.IsUpper(v) && DetectOrPass(detector, v, "en"));
        AssertVerdicts(lower, _ => v => PythonText.IsLower(v) && DetectOrPass(detector, v, "en"));
    }

    [Fact]
    public void FallbacksStayCloseToTheReferenceModels()
    {
        var punkt = PunktSentenceTokenizerTests.Tokenizer();
        var detector = LangdetectDetectorTests.Detector();
        var builtinSplitter = new ApproximateSentenceSplitter();
        var guesser = new ScriptLanguageGuesser();

        var responses = IfevalCorpus.Responses();
        var sameCount = responses.Count(r => punkt.CountSentences(r) == builtinSplitter.CountSentences(r));
        var sameCaps = responses.Count(r => CapitalWords(r, punkt) == CapitalWords(r, builtinSplitter));
        var sameLanguage = responses.Count(r => SafeDetect(detector, r) == SafeDetect(guesser, r));
        var builtinTotal = responses.Sum(builtinSplitter.CountSentences);

        var sentenceVerdicts = VerdictAgreement(IfevalCorpus.Items("length_constraints:number_sentences"), item => v => IfevalCorpus.Relation(
            builtinSplitter.CountSentences(v), item.Kwargs.GetProperty("relation").GetString()!, item.Kwargs.GetProperty("num_sentences").GetInt32()));
        var languageVerdicts = VerdictAgreement(IfevalCorpus.Items("language:response_language"), item => v => DetectOrPass(guesser, v, item.Kwargs.GetProperty("language").GetString()!));
        var capitalVerdicts = VerdictAgreement(IfevalCorpus.Items("change_case:english_capital"), _ => v => PythonText.IsUpper(v) && DetectOrPass(guesser, v, "en"));
        var lowerVerdicts = VerdictAgreement(IfevalCorpus.Items("change_case:english_lowercase"), _ => v => PythonText.IsLower(v) && DetectOrPass(guesser, v, "en"));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"builtin vs reference on {responses.Count} GPT-4 responses: sentence count equal {sameCount}, total {builtinTotal} vs 6943; " +
            $"capital-word count equal {sameCaps}; language equal {sameLanguage}. Verdicts (strict+loose) equal to Google's: " +
            $"number_sentences {sentenceVerdicts}/104, response_language {languageVerdicts}/62, english_capital {capitalVerdicts}/50, " +
            $"english_lowercase {lowerVerdicts}/78");
        // Floors: the naive splitter of spec §8 already reaches 447/541 (493 with closing quotes).
        Assert.InRange(sameCount, 520, responses.Count);
        Assert.InRange(sameCaps, 520, responses.Count);
        Assert.InRange(sameLanguage, 520, responses.Count);
        Assert.InRange(sentenceVerdicts, 100, 104);
        Assert.InRange(languageVerdicts, 60, 62);
        Assert.InRange(capitalVerdicts, 50, 50);
        Assert.InRange(lowerVerdicts, 76, 78);
    }

    private static int VerdictAgreement(IEnumerable<IfevalItem> items, Func<IfevalItem, Func<string, bool>> check) =>
        items.Sum(item =>
        {
            var c = check(item);
            return (IfevalCorpus.Strict(item.Response, c) == item.Strict ? 1 : 0) + (IfevalCorpus.Loose(item.Response, c) == item.Loose ? 1 : 0);
        });

    [Fact]
    public void LanguageProbabilitiesMatchTheSpec()
    {
        var detector = LangdetectDetectorTests.Detector();
        // Spec §6.11: the all-caps list of names (key 3456) is detected as de with p≈0.86.
        var names = detector.GetProbabilities(IfevalCorpus.Items("change_case:english_capital").Single(i => i.Key == 3456).Response);
        Assert.Equal("de", names[0].Language);
        Assert.Equal(0.86, names[0].Probability, 0.005);
        // Spec §7: every requested language was detected with p≈1.0; the one failure (key 3567, ur) came out as id.
        foreach (var item in IfevalCorpus.Items("language:response_language"))
        {
            var top = detector.GetProbabilities(item.Response)[0];
            if (item.Key == 3567) Assert.Equal("id", top.Language);
            else Assert.True(top.Language == item.Kwargs.GetProperty("language").GetString() && top.Probability > 0.99, $"key {item.Key}: {top}");
        }
    }

    private static int CapitalWords(string text, ISentenceSplitter splitter) =>
        NltkWordTokenizer.Tokenize(text, splitter).Count(PythonText.IsUpper);

    private static bool DetectOrPass(ILanguageDetector detector, string text, string language)
    {
        try
        {
            return detector.Detect(text) == language;
        }
        catch (LanguageDetectionException)
        {
            return true;
        }
    }

    private static string SafeDetect(ILanguageDetector detector, string text)
    {
        try
        {
            return detector.Detect(text);
        }
        catch (LanguageDetectionException)
        {
            return "(no features)";
        }
    }

    private static void AssertVerdicts(IReadOnlyList<IfevalItem> items, Func<IfevalItem, Func<string, bool>> check)
    {
        var mismatches = new List<string>();
        foreach (var item in items)
        {
            var c = check(item);
            var strict = IfevalCorpus.Strict(item.Response, c);
            var loose = IfevalCorpus.Loose(item.Response, c);
            if (strict != item.Strict || loose != item.Loose)
            {
                mismatches.Add($"key {item.Key} {item.InstructionId}: strict {strict}/{item.Strict}, loose {loose}/{item.Loose}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
