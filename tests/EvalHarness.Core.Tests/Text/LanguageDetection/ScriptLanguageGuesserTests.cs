using EvalHarness.Core.Text.LanguageDetection;

namespace EvalHarness.Core.Tests.Text.LanguageDetection;

// The fallback's contract: unique scripts map to their language (spec §7 "Unique scripts are safe"), shared scripts
// are split by distinctive letters or function words, and a text without letters raises like langdetect.
public sealed class ScriptLanguageGuesserTests
{
    private readonly ScriptLanguageGuesser _guesser = new();

    [Theory]
    [InlineData("আমি বাংলায় কথা বলি", "bn")]
    [InlineData("ਮੈਂ ਪੰਜਾਬੀ ਬੋਲਦਾ ਹਾਂ", "pa")]
    [InlineData("હું ગુજરાતી બોલું છું", "gu")]
    [InlineData("நான் தமிழ் பேசுகிறேன்", "ta")]
    [InlineData("నేను తెలుగు మాట్లాడతాను", "te")]
    [InlineData("ನಾನು ಕನ್ನಡ ಮಾತನಾಡುತ್ತೇನೆ", "kn")]
    [InlineData("ฉันพูดภาษาไทย", "th")]
    [InlineData("저는 한국어를 합니다", "ko")]
    [InlineData("Καλημέρα κόσμε", "el")]
    [InlineData("שלום עולם", "he")]
    [InlineData("यह एक वाक्य है और यह हिंदी में है", "hi")]
    [InlineData("हे एक वाक्य आहे आणि ते मराठीत आहे", "mr")]
    [InlineData("यो नेपाली वाक्य हो र यो राम्रो छ", "ne")]
    [InlineData("یہ اردو کا ایک جملہ ہے", "ur")]
    [InlineData("این یک جمله فارسی است", "fa")]
    [InlineData("هذه جملة باللغة العربية", "ar")]
    [InlineData("Це речення українською мовою і воно гарне", "uk")]
    [InlineData("Это предложение на русском языке", "ru")]
    [InlineData("Това е изречение на български език", "bg")]
    [InlineData("Tôi nói tiếng Việt", "vi")]
    [InlineData("The cat is on the mat and it is happy.", "en")]
    [InlineData("Der Hund ist nicht im Haus, und die Katze auch nicht.", "de")]
    [InlineData("Habari ya leo? Ni siku nzuri kwa kazi katika shamba.", "sw")]
    [InlineData("Il gatto è sul tavolo e non vuole scendere.", "it")]
    [InlineData("O gato está na mesa e não quer descer.", "pt")]
    public void GuessesTheLanguage(string text, string expected) => Assert.Equal(expected, _guesser.Detect(text));

    // What langdetect can see decides (see LatinFunctionWords.Guess): one word, or an all-caps list of names or items,
    // is not judged English; all-caps prose and short all-caps titles are.
    [Theory]
    [InlineData("yes", "unknown")]
    [InlineData("YES!", "unknown")]
    [InlineData("Hello.", "unknown")]
    [InlineData("A", "unknown")]
    [InlineData("1. JOHN SMITH 2. MARY JOHNSON 3. ROBERT WILLIAMS 4. PATRICIA BROWN 5. MICHAEL JONES 6. LINDA GARCIA", "unknown")]
    [InlineData("- FLOUR - SUGAR - BUTTER - EGGS - MILK - VANILLA - SALT - CHOCOLATE CHIPS - WALNUTS - CINNAMON", "unknown")]
    [InlineData("THE BEST WAY TO LEARN IS TO PRACTICE EVERY DAY.", "en")]
    [InlineData("MY GARDEN IS FULL OF ROSES AND TULIPS, AND THE BEES LOVE IT IN THE SPRING.", "en")]
    [InlineData("DER HUND IST NICHT IM HAUS, UND DIE KATZE AUCH NICHT, ABER DER VOGEL IST DA.", "de")]
    [InlineData("GREEN VALLEY PARTNERS", "en")]
    [InlineData("apples, bananas, cherries, grapes, lemons, mangoes, oranges, peaches, pears, plums, limes", "en")]
    [InlineData("the cat sat", "en")]
    public void FollowsWhatLangdetectSeesInShortAndAllCapsTexts(string text, string expected) => Assert.Equal(expected, _guesser.Detect(text));

    [Fact]
    public void NoLettersThrows() => Assert.Throws<LanguageDetectionException>(() => _guesser.Detect("https://example.com 123 !!!"));
}
