namespace EvalHarness.Core.Evaluators.Mrcr.Generation;

/// <summary>
/// The project's own word lists for generated MRCR conversations (written for this project; the official set's
/// topics and GPT-4o texts are not used). Lists are arrays, never sets, so picks are reproducible.
/// </summary>
internal static class MrcrVocabulary
{
    /// <summary>Request formats, as they appear in <c>write a {format} about {topic}</c>.</summary>
    public static readonly string[] Formats =
    [
        "poem", "email", "social media post", "short essay", "blog post",
        "diary entry", "short news article", "riddle", "speech", "story",
    ];

    public static readonly string[] Topics =
    [
        "horses", "lighthouses", "rain", "coffee", "bicycles", "volcanoes", "libraries", "owls", "bridges", "tea",
        "glaciers", "markets", "kites", "submarines", "orchards", "thunderstorms", "trains", "beekeeping", "deserts",
        "lanterns", "pottery", "whales", "clocks", "gardens", "mountains", "bakeries", "comets", "foxes", "harbors",
        "chess", "violins", "snow", "fireflies", "canals", "maps", "robots", "sunflowers", "caves", "ferries",
        "penguins", "windmills", "jazz", "tides", "balloons", "forests", "typewriters", "islands", "meteors", "bread",
        "ravens", "telescopes", "rivers", "quilts", "dragons", "fog", "museums", "wolves", "cathedrals", "autumn",
        "puzzles", "coral reefs", "postcards", "mushrooms", "skyscrapers", "otters", "sailing", "candles", "parrots",
        "railways", "honey", "deserts at night", "old radios", "rooftops", "dolphins", "umbrellas", "tigers",
        "pyramids", "pianos", "lakes", "spiders", "planets", "castles", "moss", "camels", "tulips", "nebulas",
        "lemons", "salt", "garden gnomes", "elephants", "carnivals", "thunder", "hedgehogs", "maple trees", "vinyl records",
        "astronauts", "ice cream", "hummingbirds", "waterfalls", "fountain pens", "scarecrows", "octopuses", "wind",
        "jellyfish", "caravans", "compasses", "seashells", "glassblowing", "paper boats", "storm drains", "city parks",
        "night buses", "snails", "falcons", "hot springs", "apple pie", "chimneys", "sand dunes", "marathons", "pebbles",
        "bookshops", "tortoises", "the moon", "summer fairs", "frost", "crows", "shipwrecks", "cactus plants", "oak trees",
    ];

    public static readonly string[] Adjectives =
    [
        "quiet", "golden", "restless", "ancient", "bright", "gentle", "hollow", "silver", "patient", "wild", "tiny",
        "vast", "curious", "weathered", "hidden", "lonely", "cheerful", "stubborn", "soft", "distant", "crimson",
        "humble", "sleepy", "brave", "fragile", "sturdy", "misty", "playful", "solemn", "dusty", "tender", "proud",
        "careful", "shimmering", "crooked", "forgotten", "warm", "clever", "narrow", "endless",
    ];

    public static readonly string[] Nouns =
    [
        "window", "road", "morning", "stone", "lantern", "river", "garden", "letter", "song", "field", "shadow",
        "harbor", "village", "promise", "journey", "meadow", "engine", "feather", "kitchen", "bridge", "market",
        "evening", "staircase", "orchard", "cloud", "notebook", "station", "blanket", "doorway", "compass", "hill",
        "workshop", "ladder", "candle", "map", "basket", "rooftop", "tune", "pocket", "courtyard",
    ];

    public static readonly string[] Verbs =
    [
        "waits", "wanders", "glows", "listens", "remembers", "hums", "drifts", "gathers", "whispers", "lingers",
        "shines", "trembles", "returns", "rests", "sings", "travels", "watches", "grows", "settles", "dances",
        "echoes", "turns", "stays", "rises", "falls", "calls", "shelters", "leans", "flickers", "unfolds",
    ];

    public static readonly string[] Adverbs =
    [
        "slowly", "softly", "again", "forever", "quietly", "at dawn", "by the shore", "in the dark", "without a sound",
        "all afternoon", "before the rain", "near the water", "under the stars", "in the old town", "after supper",
    ];

    public static readonly string[] Names =
    [
        "Mara", "Tobin", "Elise", "Jonah", "Priya", "Felix", "Noor", "Anselm", "Lucia", "Oskar", "Wren", "Dario",
        "Ingrid", "Kofi", "Maeve", "Ruben", "Sana", "Teodor", "Yara", "Bram", "Cleo", "Emrys", "Hana", "Idris",
    ];

    public static readonly string[] Places =
    [
        "Riverton", "Ashford Bay", "North Hollow", "Marlow Crossing", "Eastbrook", "Pine Ridge", "Saltmere",
        "Cedar Falls", "Old Harlow", "Brightwater", "Fenwick", "Stonegate", "Larkspur", "Kestrel Point",
    ];

    public static readonly string[] Feelings =
    [
        "hopeful", "tired but happy", "a little nervous", "grateful", "restless", "calm", "amazed", "nostalgic",
        "determined", "surprised", "content", "uneasy",
    ];
}
