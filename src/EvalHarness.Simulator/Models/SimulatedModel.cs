using System.Globalization;

namespace EvalHarness.Simulator.Models;

internal enum ModelKind
{
    Oracle,
    Window,
    Noisy,
    Echo,
}

/// <summary>
/// A built-in model, parsed from its id so any window size works: <c>sim-oracle</c>, <c>sim-window-&lt;N&gt;k</c>
/// (sees the last N*1000 o200k tokens), <c>sim-noisy</c>, <c>sim-echo</c>.
/// </summary>
internal sealed record SimulatedModel(string Id, ModelKind Kind, int WindowTokens = 0)
{
    private const string WindowPrefix = "sim-window-";

    // Above this a "window" is no limit at all; also keeps N*1000 far from int overflow.
    private const int MaxWindowThousands = 100_000;

    public static bool TryParse(string id, out SimulatedModel model)
    {
        model = null!;
        switch (id)
        {
            case "sim-oracle": model = new SimulatedModel(id, ModelKind.Oracle); return true;
            case "sim-noisy": model = new SimulatedModel(id, ModelKind.Noisy); return true;
            case "sim-echo": model = new SimulatedModel(id, ModelKind.Echo); return true;
        }

        if (!id.StartsWith(WindowPrefix, StringComparison.Ordinal) || !id.EndsWith('k')) return false;
        var digits = id.AsSpan(WindowPrefix.Length, id.Length - WindowPrefix.Length - 1);
        // Plain ASCII digits only, no sign or leading zero, so each size has exactly one id.
        if (digits.IsEmpty || digits[0] == '0' || digits.ContainsAnyExceptInRange('0', '9')) return false;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var thousands) || thousands > MaxWindowThousands) return false;
        model = new SimulatedModel(id, ModelKind.Window, thousands * 1000);
        return true;
    }
}
