#!/usr/bin/env pwsh
# Nightly / scheduled entry point: a thin wrapper over the CLI. All logic lives in `evalharness`; this script only
# builds once, forwards arguments and propagates the exit code (0 ok, 1 some samples errored, 2 bad input, 130 cancelled).
#
#   ./run-evals.ps1                                  # default suite on the built-in simulator
#   ./run-evals.ps1 -Suite standard -Models gpt-4.1-nano,gpt-4.1-mini
#   ./run-evals.ps1 -- --evals niah --option niah.preset=gpt41   # anything after -- goes to `evalharness run`
[CmdletBinding()]
param(
    [string] $Suite,
    [string] $Models,
    [string] $Out,
    [Parameter(ValueFromRemainingArguments = $true)] [string[]] $Rest
)
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'src/EvalHarness.Cli'
$cliArgs = @('run')
if ($Suite) { $cliArgs += @('--suite', $Suite) }
if ($Models) { $cliArgs += @('--models', $Models) }
if ($Out) { $cliArgs += @('--out', $Out) }
if ($Rest) { $cliArgs += $Rest }
& dotnet run --project $project -c Release -- @cliArgs
exit $LASTEXITCODE
