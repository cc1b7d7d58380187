namespace EvalHarness.Core.Text.Haystack;

/// <summary>
/// The essay generator's own vocabulary, written for this project. Themes: towns, work, learning, weather, craft.
/// Deliberately free of animals, colours, foods and instruments, which the NIAH key and value lists use.
/// Nouns are singular, verbs third person singular present, so any combination agrees.
/// </summary>
internal static class EssayWords
{
    public static readonly string[] Nouns =
    [
        "town", "city", "village", "harbour", "bridge", "road", "street", "market", "square", "library", "school", "workshop",
        "garden", "field", "meadow", "forest", "river", "valley", "hill", "mountain", "coast", "island", "lake", "shore",
        "house", "window", "door", "roof", "wall", "tower", "station", "train", "ship", "boat", "cart", "wheel", "engine",
        "clock", "lamp", "candle", "letter", "book", "page", "story", "poem", "song", "painting", "map", "journey", "season",
        "winter", "summer", "autumn", "spring", "morning", "evening", "night", "weather", "storm", "cloud", "wind", "rain",
        "snow", "frost", "harvest", "craft", "trade", "tool", "hammer", "thread", "fabric", "stone", "timber",
        "glass", "paper", "ink", "teacher", "student", "writer", "reader", "builder", "farmer", "sailor", "painter",
        "merchant", "neighbour", "traveller", "stranger", "friend", "family", "council", "committee", "company", "idea",
        "question", "answer", "argument", "habit", "lesson", "memory", "promise", "decision", "problem", "method", "plan",
        "rule", "custom", "practice", "effort", "progress", "change", "pattern", "result", "reason", "purpose", "value",
        "history", "future", "moment", "distance", "silence", "patience", "courage", "curiosity", "attention", "balance",
        "detail", "surface", "corner", "edge", "path", "gate", "fence", "well", "chimney", "staircase", "cellar", "attic",
        "kitchen", "table", "chair", "shelf", "basket", "bucket", "ladder", "rope", "sail", "anchor", "compass", "lantern",
    ];

    public static readonly string[] Adjectives =
    [
        "quiet", "busy", "old", "new", "small", "large", "narrow", "wide", "steady", "careful", "patient", "honest", "simple",
        "plain", "modest", "bright", "dim", "warm", "cold", "damp", "dry", "early", "late", "distant", "nearby", "familiar",
        "strange", "useful", "humble", "proud", "gentle", "rough", "smooth", "heavy", "light", "thin", "thick", "open",
        "hidden", "broken", "mended", "crowded", "empty", "restless", "calm", "curious", "thoughtful", "ordinary", "rare",
        "common", "local", "foreign", "ancient", "modern", "sturdy", "fragile", "practical", "generous", "stubborn",
        "cheerful", "serious", "sensible", "reliable", "uncertain", "clear", "vague", "slow", "quick", "long", "short",
        "tall", "low", "deep", "shallow", "clean", "dusty", "weathered", "polished", "worn", "fresh", "tired", "lively",
    ];

    public static readonly string[] Verbs =
    [
        "shapes", "follows", "changes", "keeps", "holds", "carries", "guides", "supports", "explains", "reveals", "hides",
        "crosses", "reaches", "leaves", "remembers", "forgets", "describes", "questions", "improves", "repairs", "builds",
        "protects", "connects", "divides", "fills", "empties", "watches", "notices", "ignores", "welcomes", "outlasts",
        "resembles", "replaces", "teaches", "rewards", "tests", "frames", "softens", "sharpens", "measures", "gathers",
        "scatters", "joins", "marks", "opens", "closes", "lifts", "shelters", "surrounds", "touches",
    ];

    public static readonly string[] Adverbs =
    [
        "slowly", "quietly", "patiently", "gradually", "steadily", "rarely", "often", "usually", "sometimes", "always",
        "seldom", "gently", "firmly", "clearly", "quickly", "carefully", "openly", "plainly", "eventually", "naturally",
    ];

    public static readonly string[] Prepositions =
    [
        "near", "beyond", "beside", "behind", "under", "above", "across", "along", "around", "toward", "within", "without",
        "against", "between", "through", "past",
    ];

    public static readonly string[] Determiners = ["the", "the", "the", "every", "each", "this"];

    /// <summary>Sentence openers, each ending in a comma.</summary>
    public static readonly string[] Openers =
    [
        "In the end,", "Over time,", "For most people,", "Even so,", "As a rule,", "In practice,", "At first,", "Later on,",
        "By contrast,", "In many places,", "On quiet days,", "After a while,", "For a long time,", "In the same way,",
        "Without much notice,", "Looking back,",
    ];

    /// <summary>Clause joiners placed after a comma.</summary>
    public static readonly string[] Joiners = ["and", "while", "because", "although", "so", "until", "since", "yet", "whereas"];

    /// <summary>Frames that turn a clause into an essay-style claim: the clause follows the frame.</summary>
    public static readonly string[] ClaimFrames =
    [
        "It is often said that", "Many writers agree that", "Nobody seems surprised that", "It is worth noting that",
        "Some people argue that", "Experience suggests that", "A careful reader notices that", "It turns out that",
        "The lesson here is that", "Few would deny that",
    ];

    /// <summary>The repeated unit of the <c>noise</c> haystack: plain, short, self-contained sentences.</summary>
    public static readonly string[] NoiseUnit =
    [
        "The kettle hums on the stove and the window stays open for the breeze.",
        "The road is long and the evening is calm over the quiet fields.",
        "Nothing new happens here, and the day passes the same way as before.",
        "The door creaks once, then the house is still again until the morning.",
    ];
}
