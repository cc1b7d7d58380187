using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Core.Files;

/// <summary>
/// Invariant, round-trippable text for CSV cells. Lists are <c>|</c>-joined; null is the empty cell. Doubles are written
/// in their shortest round-trip form ("R": parsing the cell gives back the very same double); only the display columns
/// (milliseconds and tokens/s, via <see cref="Ms"/> or an explicit format) are rounded to 0.1.
/// </summary>
internal static class Cell
{
    public const string RoundTrip = "R";

    public static string Of(double? value, string format = RoundTrip) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    public static string Of(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Of(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Of(bool? value) => value is null ? "" : value.Value ? "true" : "false";

    public static string Ms(double? value) => Of(value, "0.0");

    public static string Of(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join('|', array.Select(Of)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => Of(value.GetValue<bool>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => FormatNumber(value),
        _ => node.ToJsonString(),
    };

    private static string FormatNumber(JsonValue value)
    {
        if (value.TryGetValue<int>(out var i)) return i.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue<long>(out var l)) return l.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue<double>(out var d)) return Of(d);
        return value.ToJsonString();
    }
}
