namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// Text the IFEval oracle writes, composed for this project. The English filler avoids commas, the prompt set's
/// forbidden and keyword lists, and stand-alone capitals such as "I" or "A", so it rarely breaks an instruction.
/// </summary>
internal static class IfEvalSolverText
{
    public static readonly string[] Filler =
    [
        "The plan works best when each step stays small and clear.",
        "Start with the part that matters most to the people involved.",
        "Good habits grow from short daily practice rather than rare bursts of effort.",
        "Most problems look smaller once they are written down.",
        "Ask for help early when the path forward is unclear.",
        "Patience turns slow progress into steady results over time.",
        "Friends and neighbors often have useful ideas to share.",
        "Keep notes so that the next attempt goes more smoothly.",
        "Simple tools used well beat fancy tools used poorly.",
        "Take a short break when the mind starts to wander.",
        "Every season brings its own chores and its own rewards.",
        "The best results come from care and attention to detail.",
        "Share the outcome with others so they can learn from it.",
        "Celebrate the small wins along the road.",
        "Review the plan once more before the final step.",
        "Clear goals make hard choices much easier to handle.",
    ];

    /// <summary>A few sentences in the requested language (written for this project); English for unknown codes.</summary>
    public static string Language(string code) => code switch
    {
        "fr" => "Le meilleur conseil est de commencer doucement et de garder le sourire. Chaque jour apporte une nouvelle occasion d'apprendre quelque chose.",
        "de" => "Der beste Rat ist es langsam anzufangen und geduldig zu bleiben. Jeder Tag bringt eine neue Gelegenheit etwas zu lernen.",
        "es" => "El mejor consejo es empezar despacio y mantener la calma. Cada día trae una nueva oportunidad para aprender algo.",
        "it" => "Il consiglio migliore è iniziare con calma e restare pazienti. Ogni giorno porta una nuova occasione per imparare qualcosa.",
        "pt" => "O melhor conselho é começar devagar e manter a calma. Cada dia traz uma nova oportunidade de aprender algo.",
        "ru" => "Лучший совет это начинать медленно и сохранять терпение. Каждый день приносит новую возможность чему-то научиться.",
        "hi" => "सबसे अच्छी सलाह है कि धीरे शुरू करें और धैर्य रखें। हर दिन कुछ नया सीखने का अवसर लाता है।",
        "ja" => "一番よい助言はゆっくり始めて落ち着いて続けることです。毎日新しいことを学ぶ機会があります。",
        "ko" => "가장 좋은 조언은 천천히 시작하고 인내심을 갖는 것입니다. 매일 새로운 것을 배울 기회가 있습니다.",
        _ => string.Join(' ', Filler.Take(2)),
    };
}
