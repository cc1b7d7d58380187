using System.Text;
using V = EvalHarness.Core.Evaluators.Mrcr.Generation.MrcrVocabulary;

namespace EvalHarness.Core.Evaluators.Mrcr.Generation;

/// <summary>
/// Writes assistant replies for <c>write a {format} about {topic}</c> requests with the project's own procedural
/// grammar. Each format has its own shape (a poem has short lines and stanzas, an email a subject, greeting and
/// sign-off...) so the haystack looks like the official one without using its text. Output is ASCII only.
/// </summary>
internal static class MrcrReplyWriter
{
    /// <summary>A reply of about <paramref name="size"/> units (1 unit is roughly one sentence or poem line).</summary>
    public static string Write(string format, string topic, int size, SplitMix64 rng)
    {
        var sb = new StringBuilder(size * 90);
        switch (format)
        {
            case "poem": Poem(sb, topic, size, rng); break;
            case "email": Email(sb, topic, size, rng); break;
            case "social media post": SocialPost(sb, topic, size, rng); break;
            case "short essay": Essay(sb, topic, size, rng); break;
            case "blog post": Blog(sb, topic, size, rng); break;
            case "diary entry": Diary(sb, topic, size, rng); break;
            case "short news article": News(sb, topic, size, rng); break;
            case "riddle": Riddle(sb, topic, size, rng); break;
            case "speech": Speech(sb, topic, size, rng); break;
            case "story": Story(sb, topic, size, rng); break;
            default: throw new ArgumentException($"unknown format '{format}'", nameof(format));
        }
        return sb.ToString();
    }

    private static void Poem(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append(Title(topic, rng)).Append("\n\n");
        var stanzas = Math.Max(2, size / 4);
        for (var s = 0; s < stanzas; s++)
        {
            if (s > 0) sb.Append("\n\n");
            for (var l = 0; l < 4; l++)
            {
                if (l > 0) sb.Append('\n');
                sb.Append(PoemLine(topic, rng)).Append(l == 3 ? "." : rng.Chance(50) ? "," : "");
            }
        }
    }

    private static void Email(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append("Subject: ").Append(Cap(rng.Pick(V.Adjectives))).Append(" thoughts on ").Append(topic).Append("\n\n");
        sb.Append("Dear ").Append(rng.Pick(V.Names)).Append(",\n\n");
        sb.Append("I hope this message finds you well. ");
        Paragraphs(sb, topic, Math.Max(2, size - 1), rng);
        sb.Append("\n\nPlease let me know what you think when you have a moment.\n\n");
        sb.Append(rng.Pick(SignOffs)).Append(",\n").Append(rng.Pick(V.Names));
    }

    private static void SocialPost(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append(rng.Pick(PostOpeners)).Append(' ');
        var sentences = Math.Clamp(size / 2, 2, 6);
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(Sentence(topic, rng));
        }
        sb.Append("\n\n#").Append(Tag(topic)).Append(" #").Append(Cap(rng.Pick(V.Adjectives))).Append(Cap(rng.Pick(V.Nouns)));
        sb.Append(" #").Append(rng.Pick(V.Places).Replace(" ", "", StringComparison.Ordinal));
    }

    private static void Essay(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append(Title(topic, rng)).Append("\n\n");
        Paragraphs(sb, topic, size, rng);
        sb.Append("\n\nIn the end, ").Append(topic).Append(" teach us that every ").Append(rng.Pick(V.Nouns))
          .Append(" ").Append(rng.Pick(V.Verbs)).Append(' ').Append(rng.Pick(V.Adverbs)).Append('.');
    }

    private static void Blog(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append("# ").Append(Title(topic, rng)).Append("\n\n");
        var sections = Math.Max(2, size / 4);
        var perSection = Math.Max(1, size / sections);
        for (var s = 0; s < sections; s++)
        {
            if (s > 0) sb.Append("\n\n## ").Append(Cap(rng.Pick(V.Adjectives))).Append(' ').Append(rng.Pick(V.Nouns)).Append("s and ").Append(topic).Append("\n\n");
            Paragraph(sb, topic, perSection, rng);
        }
        sb.Append("\n\nThanks for reading, and tell me about your own ").Append(topic).Append(" in the comments!");
    }

    private static void Diary(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append("Dear Diary,\n\nToday I felt ").Append(rng.Pick(V.Feelings)).Append(". ");
        Paragraphs(sb, topic, size, rng);
        sb.Append("\n\nUntil tomorrow,\n").Append(rng.Pick(V.Names));
    }

    private static void News(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append(Title(topic, rng).ToUpperInvariant()).Append("\n\n").Append(rng.Pick(V.Places).ToUpperInvariant()).Append(" - ");
        Paragraphs(sb, topic, Math.Max(1, size - 2), rng);
        sb.Append("\n\n\"We have never seen ").Append(topic).Append(" like this,\" said ").Append(rng.Pick(V.Names))
          .Append(", a local ").Append(rng.Pick(V.Nouns)).Append(" keeper. \"").Append(Sentence(topic, rng)).Append('"');
    }

    private static void Riddle(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        var lines = Math.Clamp(size, 3, 10);
        for (var i = 0; i < lines; i++)
        {
            sb.Append("I ").Append(rng.Pick(RiddleVerbs)).Append(' ').Append(rng.Pick(V.Adjectives)).Append(' ')
              .Append(rng.Pick(V.Nouns)).Append("s ").Append(rng.Pick(V.Adverbs)).Append(",\n");
        }
        sb.Append("and I am found wherever ").Append(topic).Append(" are near.\nWhat am I?");
    }

    private static void Speech(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        sb.Append(rng.Pick(SpeechOpeners)).Append(",\n\nWe are gathered here in ").Append(rng.Pick(V.Places))
          .Append(" to talk about ").Append(topic).Append(". ");
        Paragraphs(sb, topic, size, rng);
        sb.Append("\n\nSo let us go out and care for ").Append(topic).Append(" together. Thank you.");
    }

    private static void Story(StringBuilder sb, string topic, int size, SplitMix64 rng)
    {
        var hero = rng.Pick(V.Names);
        sb.Append("Once, in ").Append(rng.Pick(V.Places)).Append(", there lived a ").Append(rng.Pick(V.Adjectives))
          .Append(" dreamer named ").Append(hero).Append(" who cared about nothing so much as ").Append(topic).Append(". ");
        Paragraphs(sb, topic, size, rng);
        sb.Append("\n\nAnd from that day on, ").Append(hero).Append(" never looked at ").Append(topic).Append(" the same way again.");
    }

    private static void Paragraphs(StringBuilder sb, string topic, int sentences, SplitMix64 rng)
    {
        var first = true;
        while (sentences > 0)
        {
            var take = Math.Min(sentences, rng.NextInclusive(3, 5));
            if (!first) sb.Append("\n\n");
            Paragraph(sb, topic, take, rng);
            sentences -= take;
            first = false;
        }
    }

    private static void Paragraph(StringBuilder sb, string topic, int sentences, SplitMix64 rng)
    {
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(Sentence(topic, rng));
        }
    }

    private static string Sentence(string topic, SplitMix64 rng)
    {
        string A() => rng.Pick(V.Adjectives);
        string N() => rng.Pick(V.Nouns);
        string Vb() => rng.Pick(V.Verbs);
        string D() => rng.Pick(V.Adverbs);
        return rng.Next(10) switch
        {
            0 => $"The {A()} {N()} {Vb()} {D()}, and {topic} seem closer than ever.",
            1 => $"Whenever I think of {topic}, a {A()} {N()} {Vb()} {D()}.",
            2 => $"{rng.Pick(V.Names)} once said that {topic} are like a {A()} {N()} that {Vb()} {D()}.",
            3 => $"Nobody in {rng.Pick(V.Places)} forgets how the {N()} {Vb()} when {topic} appear.",
            4 => $"There is something {A()} about {topic}, the way a {N()} {Vb()} {D()}.",
            5 => $"Some say {topic} began beside a {A()} {N()}, though no one can prove it.",
            6 => $"I counted {rng.NextInclusive(2, 97)} reasons to love {topic}, and the {A()} {N()} was only one of them.",
            7 => $"Every {N()} {Vb()} a little differently once you have seen {topic} {D()}.",
            8 => $"Perhaps {topic} matter because the {A()} {N()} still {Vb()} {D()}.",
            _ => $"Between the {A()} {N()} and the {A()} {N()}, {topic} found a place to stay.",
        };
    }

    private static string PoemLine(string topic, SplitMix64 rng) => rng.Next(6) switch
    {
        0 => $"the {rng.Pick(V.Adjectives)} {rng.Pick(V.Nouns)} {rng.Pick(V.Verbs)}",
        1 => $"{rng.Pick(V.Adverbs)} {topic} {rng.Pick(V.Verbs)[..^1]}",
        2 => $"a {rng.Pick(V.Nouns)} of {rng.Pick(V.Adjectives)} {topic}",
        3 => $"where {rng.Pick(V.Adjectives)} {rng.Pick(V.Nouns)}s {rng.Pick(V.Verbs)[..^1]} {rng.Pick(V.Adverbs)}",
        4 => $"and {topic}, {rng.Pick(V.Adjectives)} and {rng.Pick(V.Adjectives)}",
        _ => $"my {rng.Pick(V.Nouns)} {rng.Pick(V.Verbs)} {rng.Pick(V.Adverbs)}",
    };

    private static string Title(string topic, SplitMix64 rng) => rng.Next(4) switch
    {
        0 => $"The {Cap(rng.Pick(V.Adjectives))} Life of {TitleCase(topic)}",
        1 => $"On {TitleCase(topic)} and the {Cap(rng.Pick(V.Nouns))}",
        2 => $"{TitleCase(topic)}: A {Cap(rng.Pick(V.Adjectives))} Reflection",
        _ => $"Why {TitleCase(topic)} Still Matter",
    };

    private static string Tag(string topic) => TitleCase(topic).Replace(" ", "", StringComparison.Ordinal);

    private static string TitleCase(string s)
    {
        var parts = s.Split(' ');
        for (var i = 0; i < parts.Length; i++) parts[i] = Cap(parts[i]);
        return string.Join(' ', parts);
    }

    private static string Cap(string s) => s.Length == 0 ? s : string.Concat(s[..1].ToUpperInvariant(), s.AsSpan(1));

    private static readonly string[] SignOffs = ["Best regards", "Warm wishes", "Kind regards", "All the best", "Cheers"];
    private static readonly string[] PostOpeners = ["Just saying:", "Hot take:", "Can we talk about this?", "Weekend mood:", "Reminder:"];
    private static readonly string[] SpeechOpeners = ["Ladies and gentlemen", "Friends and neighbors", "Dear colleagues", "Honored guests"];
    private static readonly string[] RiddleVerbs = ["carry", "hide", "follow", "guard", "outlast", "borrow", "chase", "mend"];
}
