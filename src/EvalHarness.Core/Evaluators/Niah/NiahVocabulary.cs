namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// Word lists for needle keys and word values, written for this project and disjoint from the haystack vocabulary
/// (a test checks), so a key or value never occurs in the haystack by chance.
/// </summary>
internal static class NiahVocabulary
{
    /// <summary>Key adjectives: colours and materials.</summary>
    public static readonly string[] KeyAdjectives =
    [
        "amber", "azure", "crimson", "golden", "ivory", "jade", "scarlet", "silver", "violet", "copper", "cobalt", "emerald",
        "indigo", "maroon", "ochre", "olive", "russet", "saffron", "teal", "umber", "bronze", "marble", "velvet", "woolen",
        "granite", "crystal", "coral", "pearl", "obsidian", "charcoal", "lilac", "magenta", "turquoise", "vermilion",
        "cerulean", "mahogany", "pewter", "sapphire", "topaz", "walnut",
    ];

    /// <summary>Key nouns: animals.</summary>
    public static readonly string[] KeyNouns =
    [
        "falcon", "otter", "heron", "badger", "lynx", "walrus", "beetle", "panther", "gecko", "marmot", "osprey", "ferret",
        "bison", "cobra", "donkey", "jaguar", "koala", "lemur", "magpie", "narwhal", "ocelot", "pelican", "quokka", "raven",
        "salmon", "tapir", "weasel", "zebra", "puffin", "armadillo", "buffalo", "camel", "dolphin", "flamingo", "gazelle",
        "hedgehog", "iguana", "kangaroo", "leopard", "mongoose", "octopus", "penguin", "rabbit", "squirrel", "tortoise",
        "vulture", "wombat", "alpaca", "chameleon", "hamster",
    ];

    /// <summary>Values for <c>value_type=words</c>: foods and instruments, none a substring of another.</summary>
    public static readonly string[] ValueWords =
    [
        "apricot", "avocado", "biscuit", "broccoli", "cabbage", "cashew", "cinnamon", "coconut", "cucumber", "dumpling",
        "eggplant", "hazelnut", "lasagna", "lemonade", "muffin", "mustard", "noodle", "nutmeg", "oatmeal", "pancake",
        "papaya", "parsnip", "peanut", "pretzel", "pumpkin", "radish", "raisin", "spinach", "tangerine", "turnip",
        "vanilla", "waffle", "yogurt", "zucchini", "banjo", "bassoon", "cello", "clarinet", "harmonica", "piccolo",
        "trombone", "ukulele", "violin", "xylophone", "accordion", "bagpipe", "mandolin", "tambourine", "saxophone",
        "kiwifruit", "blueberry", "asparagus", "artichoke", "croissant", "omelette", "porridge", "sausage", "tortilla",
        "meringue", "marzipan",
    ];

    /// <summary>Adjectives of distractor-needle keys (haystack=needle), disjoint from <see cref="KeyAdjectives"/>.</summary>
    public static readonly string[] DistractorAdjectives =
    [
        "fuzzy", "brave", "sleepy", "happy", "grumpy", "jolly", "lucky", "mighty", "nimble", "noisy", "plucky", "shy",
        "silly", "sneaky", "spotted", "striped", "tiny", "wild", "witty", "zany", "bashful", "dizzy", "fluffy", "giddy",
    ];

    /// <summary>Word values of distractor needles, disjoint from <see cref="ValueWords"/>.</summary>
    public static readonly string[] DistractorWords =
    [
        "doorknob", "eyeglasses", "flashlight", "hairbrush", "keychain", "lampshade", "matchbox", "necktie", "paperclip",
        "raincoat", "slipper", "stapler", "suitcase", "teaspoon", "toothbrush", "wardrobe", "wristwatch", "zipper",
        "bookmark", "clothespin", "dustpan", "footstool", "gumboot", "handbag",
    ];
}
