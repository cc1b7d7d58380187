namespace EvalHarness.Core.Evaluators;

/// <summary>
/// An eval's section of the HTML report, declared as data by its module and drawn by the report project (Core holds no
/// HTML or charting). Views refer to per-sample columns and summary groups by name.
/// </summary>
public sealed record ReportSectionSpec(string Title, string Description, IReadOnlyList<ReportView> Views);

/// <summary>One table or chart in an eval's report section.</summary>
public abstract record ReportView(string Title);

/// <summary>Mean score per (row value, column value) cell, one grid per model (NIAH: depth x context length).</summary>
/// <param name="RowColumn">Per-sample column giving the row (e.g. <c>depth_percent_target</c>), numeric order.</param>
/// <param name="ColumnColumn">Per-sample column giving the column (e.g. <c>context_tokens_target</c>), numeric order.</param>
public sealed record HeatmapView(string Title, string RowColumn, string RowLabel, string ColumnColumn, string ColumnLabel) : ReportView(Title);

/// <summary>Mean score with its 95% interval against a numeric column, one line per model (and per series value).</summary>
/// <param name="XColumn">Per-sample column on the x axis (e.g. MRCR <c>bin_hi</c>, Graphwalks <c>bin</c>).</param>
/// <param name="SeriesColumn">Optional per-sample column splitting each model's line (e.g. <c>n_needles</c>, <c>problem_type</c>).</param>
public sealed record LineView(string Title, string XColumn, string XLabel, string YLabel, string? SeriesColumn = null, bool LogX = false) : ReportView(Title);

/// <summary>Summary groups (per model, with CI) whose name starts with <paramref name="GroupPrefix"/>, as a table.</summary>
/// <param name="GroupPrefix">E.g. <c>metric=</c> for IFEval's four metrics; empty = every per-sample group.</param>
/// <param name="PivotKey">
/// Optional key inside the group label that becomes table columns (IFEval: <c>mode</c>, so
/// <c>instruction=X;mode=strict|loose</c> shows as one row per instruction with a strict and a loose column).
/// </param>
public sealed record GroupTableView(string Title, string GroupPrefix, string? PivotKey = null) : ReportView(Title);
