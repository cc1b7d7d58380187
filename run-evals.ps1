#!/usr/bin/env pwsh
# Nightly / scheduled entry point: a thin wrapper over the CLI. All logic lives in `evalharness`; this script builds
# once, runs the suite, gates the run against a baseline when one is given, and propagates exit codes exactly.
#
# The examples below are the tested cases (tests/EvalHarness.Cli.Tests/RunEvalsScriptTests.cs runs each line verbatim):
#
#   ./run-evals.ps1                                                     # default suite on the built-in simulator
#   ./run-evals.ps1 -Suite default -Models sim-oracle,sim-window-8k
#   ./run-evals.ps1 -Out results/nightly-1                              # the run folder (default results/<run-id>)
#   ./run-evals.ps1 -Models sim-oracle -- --evals niah -o niah.preset=smoke --limit 3
#   ./run-evals.ps1 -Out results/nightly-2 -Baseline results/nightly-1  # run, then `evalharness gate` against it
#   ./run-evals.ps1 -Baseline results/nightly-1,results/nightly-2       # several baselines: pooled per sample
#   ./run-evals.ps1 -Out results/nightly-3 -BaselineHistory -Trend results/trend.html  # vs the last accepted run; trend page
#
# Parameters (exact names, any case; no prefixes, so `-o` is never `-Out`):
#   -Suite S        `run --suite S`
#   -Models a,b     `run --models a,b` (a PowerShell array or a comma-separated string; repeatable)
#   -Out DIR        `run --out DIR`
#   -Baseline DIR   gate the new run against DIR (repeatable, or a,b): `evalharness gate RUN --baseline DIR ...`
#   -BaselineHistory [K]  gate against the last K (default 1) accepted runs of the suite in the history database
#                   (every run records itself there; `evalharness history accept RUN_ID` marks a baseline)
#   -Trend FILE     then write the trend page of every night in the history: `evalharness trend --history --out FILE`
#   -NoBuild        use the existing Release build instead of `dotnet build -c Release`
#   --              everything after it goes to `evalharness run` verbatim; any other token is forwarded as well
# EVALHARNESS_CLI=path/to/evalharness.dll runs that build instead of building (the tests use it).
#
# Exit codes: the run's when it is 2 (bad input), 70 (internal error), 74 (cannot write) or 130 (cancelled), and no
# gate; otherwise (0, or 1 = some samples errored) the gate's when -Baseline is given: 0 pass, 3 regression, 4 guard
# tripped (no statistical verdict), 2 bad input; without -Baseline the run's. 2 for a bad script argument, 70 when the
# build fails.
#
# Arguments are parsed from $args on purpose: a param() block would prefix-match `-o` onto -Out, turn `a,b` into
# "a b", and lose `--` when called from PowerShell.
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandArgumentPassing = 'Standard'

function Exit-BadInput([string] $Message) {
    [Console]::Error.WriteLine("run-evals.ps1: $Message")
    exit 2
}

# One CLI argument from one PowerShell value: arrays joined with commas, numbers in invariant culture.
function ConvertTo-CliText([object] $Value) {
    if ($null -eq $Value) { return '' }
    if ($Value -is [System.Collections.IList]) { return (@($Value | ForEach-Object { ConvertTo-CliText $_ }) -join ',') }
    if ($Value -is [System.IFormattable]) { return $Value.ToString($null, [System.Globalization.CultureInfo]::InvariantCulture) }
    return [string] $Value
}

function Read-Arguments([object[]] $Arguments) {
    $o = [ordered]@{ Suite = $null; Models = [System.Collections.Generic.List[string]]::new(); Out = $null
        Baseline = [System.Collections.Generic.List[string]]::new(); BaselineHistory = 0; Trend = $null; NoBuild = $false; Help = $false
        Rest = [System.Collections.Generic.List[string]]::new() }
    $names = @('Suite', 'Models', 'Out', 'Baseline', 'BaselineHistory', 'Trend', 'NoBuild', 'Help')
    $verbatim = $false
    for ($i = 0; $i -lt $Arguments.Count; $i++) {
        $a = $Arguments[$i]
        if ($verbatim) { $o.Rest.Add((ConvertTo-CliText $a)); continue }
        if ($a -is [string] -and $a -ceq '--') { $verbatim = $true; continue }
        $name = $null
        if ($a -is [string] -and $a -match '^-(?<n>[A-Za-z]+):?$') { $name = $names | Where-Object { $_ -eq $Matches.n } }
        if ($a -is [string] -and $a -eq '-?') { $name = 'Help' }
        if (-not $name) { $o.Rest.Add((ConvertTo-CliText $a)); continue }
        if ($name -eq 'BaselineHistory') {
            # An optional K: the next token when it is a whole number.
            $k = 1
            if ($i + 1 -lt $Arguments.Count -and ([string] $Arguments[$i + 1]) -match '^[0-9]+$') { $k = [int] [string] $Arguments[++$i] }
            if ($k -lt 1) { Exit-BadInput "-BaselineHistory needs K >= 1" }
            $o.BaselineHistory = $k
            continue
        }
        if ($name -in 'NoBuild', 'Help') {
            $on = $true
            if ($i + 1 -lt $Arguments.Count -and $Arguments[$i + 1] -is [bool]) { $on = $Arguments[++$i] }
            $o[$name] = $on
            continue
        }
        if ($i + 1 -ge $Arguments.Count) { Exit-BadInput "-$name needs a value" }
        $value = $Arguments[++$i]
        switch ($name) {
            'Models' { $o.Models.Add((ConvertTo-CliText $value)) }
            'Baseline' { foreach ($b in @($value)) { foreach ($part in ([string] $b).Split(',')) { if ($part) { $o.Baseline.Add($part) } } } }
            default {
                if ($null -ne $o[$name]) { Exit-BadInput "-$name given twice" }
                $o[$name] = ConvertTo-CliText $value
            }
        }
    }
    return [pscustomobject] $o
}

# The run folder named in the forwarded arguments (--out / --resume), if any.
function Find-RunFolder([string[]] $Rest) {
    for ($i = 0; $i -lt $Rest.Count; $i++) {
        if ($Rest[$i] -cmatch '^--(out|resume)[=:](?<v>.+)$') { return $Matches.v }
        if ($Rest[$i] -cin '--out', '--resume' -and $i + 1 -lt $Rest.Count) { return $Rest[$i + 1] }
    }
    return $null
}

function New-RunFolderName([string] $Suite) {
    $stamp = [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [System.Globalization.CultureInfo]::InvariantCulture)
    $suffix = [Guid]::NewGuid().ToString('N').Substring(0, 4)
    return (Join-Path 'results' "$stamp-$(if ($Suite) { $Suite } else { 'default' })-$suffix")
}

# Returns the path of evalharness.dll: EVALHARNESS_CLI, or the Release build (built here unless -NoBuild).
function Build([bool] $NoBuild) {
    if ($env:EVALHARNESS_CLI) {
        if (-not (Test-Path -LiteralPath $env:EVALHARNESS_CLI -PathType Leaf)) { Exit-BadInput "EVALHARNESS_CLI: no file $env:EVALHARNESS_CLI" }
        return $env:EVALHARNESS_CLI
    }
    $project = Join-Path $PSScriptRoot 'src/EvalHarness.Cli'
    if (-not $NoBuild) {
        Write-Host 'run-evals.ps1: dotnet build -c Release'
        & dotnet build (Join-Path $project 'EvalHarness.Cli.csproj') -c Release --nologo -v q | Out-Host
        if ($LASTEXITCODE -ne 0) {
            [Console]::Error.WriteLine("run-evals.ps1: dotnet build failed (exit $LASTEXITCODE)")
            exit 70
        }
    }
    $dll = Get-ChildItem -Path (Join-Path $project 'bin/Release') -Filter 'evalharness.dll' -Recurse -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $dll) { Exit-BadInput "no Release build under $project/bin/Release; run without -NoBuild" }
    return $dll.FullName
}

# Each step runs one CLI command with the console attached (live progress); its exit code is $LASTEXITCODE.
function Invoke-Run([string] $Cli, [string[]] $RunArgs) {
    & dotnet $Cli run @RunArgs
}

# The --config / --set arguments among those forwarded to `run`: gate and trend read the same settings.
function Find-SettingsArgs([string[]] $Rest) {
    $found = @()
    for ($i = 0; $i -lt $Rest.Count; $i++) {
        if ($Rest[$i] -cmatch '^--(config|set)[=:].+$') { $found += $Rest[$i] }
        elseif ($Rest[$i] -cin '--config', '--set' -and $i + 1 -lt $Rest.Count) { $found += @($Rest[$i], $Rest[++$i]) }
    }
    return $found
}

function Invoke-Gate([string] $Cli, [string] $RunFolder, [string[]] $Baselines, [int] $HistoryK, [string[]] $Settings) {
    $gateArgs = @('gate', $RunFolder)
    foreach ($b in $Baselines) { $gateArgs += @('--baseline', $b) }
    if ($HistoryK -gt 0) { $gateArgs += @('--baseline-history', "$HistoryK") }
    if ($Settings.Count -gt 0) { $gateArgs += $Settings }
    Write-Host "run-evals.ps1: evalharness $($gateArgs -join ' ')"
    & dotnet $Cli @gateArgs
}

# The run's report.html again, now that it opens with the gate's verdict. A failure here never changes the exit code.
function Update-Report([string] $Cli, [string] $RunFolder, [string[]] $Settings) {
    $reportArgs = @('report', $RunFolder)
    if ($Settings.Count -gt 0) { $reportArgs += $Settings }
    & dotnet $Cli @reportArgs | Out-Null
    if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine("run-evals.ps1: warning: report.html keeps no verdict (evalharness report exit $LASTEXITCODE)") }
}

# The trend page of every night in the history (each run records itself). A failure here never changes the exit code.
function Write-Trend([string] $Cli, [string] $Page, [string] $Suite, [string[]] $Settings) {
    $trendArgs = @('trend', '--history', '--out', $Page)
    if ($Suite) { $trendArgs += @('--suite', $Suite) }
    if ($Settings.Count -gt 0) { $trendArgs += $Settings }
    & dotnet $Cli @trendArgs
    if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine("run-evals.ps1: warning: no trend page (evalharness trend exit $LASTEXITCODE)") }
}

# Sets $script:ExitCode; never returns values (a captured native command would lose its console).
function Main([object[]] $Arguments) {
    $o = Read-Arguments $Arguments
    if ($o.Help) {
        Get-Content -LiteralPath $PSCommandPath | Select-Object -Skip 1 | Where-Object { $_ -like '#*' } |
            ForEach-Object { $_.Substring(1) } | Write-Host
        $script:ExitCode = 0
        return
    }
    foreach ($b in $o.Baseline) {
        if (-not (Test-Path -LiteralPath $b -PathType Container)) { Exit-BadInput "-Baseline ${b}: no such run folder" }
    }

    $runArgs = @()
    if ($o.Suite) { $runArgs += @('--suite', $o.Suite) }
    if ($o.Models.Count -gt 0) { $runArgs += @('--models', ($o.Models -join ',')) }
    $runFolder = $o.Out
    if (-not $runFolder) { $runFolder = Find-RunFolder $o.Rest }
    $gated = $o.Baseline.Count -gt 0 -or $o.BaselineHistory -gt 0
    if ($o.Baseline.Count -gt 0 -and $o.BaselineHistory -gt 0) { Exit-BadInput "give -Baseline or -BaselineHistory, not both" }
    if (-not $runFolder -and $gated) { $runFolder = New-RunFolderName $o.Suite; $runArgs += @('--out', $runFolder) }
    elseif ($o.Out) { $runArgs += @('--out', $o.Out) }
    $runArgs += $o.Rest

    $cli = Build $o.NoBuild
    Invoke-Run $cli $runArgs
    $script:ExitCode = $LASTEXITCODE
    # 2, 70, 74, 130: the run's code, no gate. 0 or 1 (some samples errored): the gate decides when there is a baseline.
    if ($script:ExitCode -notin 0, 1) { return }
    $settings = @(Find-SettingsArgs $o.Rest | Where-Object { $null -ne $_ })
    if ($gated) {
        Invoke-Gate $cli $runFolder $o.Baseline $o.BaselineHistory $settings
        $script:ExitCode = $LASTEXITCODE
        if ($script:ExitCode -in 0, 3, 4) { Update-Report $cli $runFolder $settings }
    }
    if ($o.Trend) { Write-Trend $cli $o.Trend $o.Suite $settings }
}

$script:ExitCode = 70
Main $args
exit $script:ExitCode
