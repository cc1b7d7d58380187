using System.Collections.Concurrent;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running;

/// <summary>What one model runs: its client, its concurrency, and the samples of each evaluator.</summary>
internal sealed record ModelPlan(ModelSettings Settings, IModelClient Client, IReadOnlyList<EvalPlan> Evals);

public sealed record EvalPlan(IEvaluator Evaluator, IReadOnlyList<EvalSample> Samples)
{
    /// <summary>The eval's options set <c>max_output_tokens</c> explicitly: it wins over the model's setting (<see cref="OutputLimit"/>).</summary>
    public bool ExplicitMaxOutputTokens { get; init; }
}

/// <summary>
/// Sends every sample of every model with bounded concurrency per model, retries what is retryable, journals each
/// finished request before scoring it, and never turns an error into a score. Cancellation is two-stage:
/// <c>stopSending</c> stops starting new requests; <c>abort</c> also cancels the ones in flight. Each model's lane has a
/// <see cref="LaneBreaker"/>: after an error every further request would repeat, the rest is not sent. Each lane also
/// has a <see cref="ModelAdmission"/> that paces it against the model's RPM/TPM budgets (<paramref name="rateLimitWindow"/>
/// is their "minute"); with a TPM budget configured the lane sends its largest requests first, so a 1M-token prompt
/// does not wait for the budget at the end. Results are ordered by the coordinator, so send order never shows in files.
/// </summary>
internal sealed class RunEngine(ResponseJournal journal, Func<ModelSettings, RetryPolicy> retryPolicyFor, IRunObserver? observer = null, int deadEndpointFailures = 3, TimeSpan? rateLimitWindow = null)
{
    private readonly IRunObserver _observer = observer ?? NullRunObserver.Instance;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<EvalSample, object> _promptTokens = [];

    private int PromptTokensOf(EvalSample sample) =>
        (int)_promptTokens.GetValue(sample, s => ModelAdmission.PromptTokens(s.Messages));

    /// <summary>Runs the plans. <paramref name="previous"/> holds journal records of an interrupted run to reuse.</summary>
    public async Task<IReadOnlyList<SampleResult>> RunAsync(
        IReadOnlyList<ModelPlan> plans,
        IReadOnlyDictionary<(string Model, string Eval, string Id), JournalRecord>? previous,
        CancellationToken stopSending,
        CancellationToken abort)
    {
        var results = new ConcurrentBag<SampleResult>();
        foreach (var plan in plans)
        {
            foreach (var eval in plan.Evals) _observer.OnPlanned(plan.Settings.Name, eval.Evaluator.Name, eval.Samples.Count);
        }
        await Task.WhenAll(plans.Select(plan => RunModelAsync(plan, previous, results, stopSending, abort))).ConfigureAwait(false);
        return results.ToList();
    }

    private async Task RunModelAsync(
        ModelPlan plan,
        IReadOnlyDictionary<(string, string, string), JournalRecord>? previous,
        ConcurrentBag<SampleResult> results,
        CancellationToken stopSending,
        CancellationToken abort)
    {
        var items = plan.Evals.SelectMany(e => e.Samples.Select(s => (e.Evaluator, Sample: s, ExplicitLimit: e.ExplicitMaxOutputTokens)));
        if (plan.Settings.Tpm is not null)
        {
            // Largest reservation first (stable: ties keep plan order); journal and samples.csv order are unaffected.
            items = items.OrderByDescending(i => PromptTokensOf(i.Sample) + (long)OutputLimit.Resolve(plan.Settings, i.ExplicitLimit, i.Sample.MaxOutputTokens).Tokens);
        }
        var queue = new ConcurrentQueue<(IEvaluator Evaluator, EvalSample Sample, bool ExplicitLimit)>(items);
        var retry = retryPolicyFor(plan.Settings);
        var breaker = new LaneBreaker(deadEndpointFailures);
        var admission = new ModelAdmission(plan.Settings.Rpm, plan.Settings.Tpm, rateLimitWindow ?? TimeSpan.FromMinutes(1));
        var workers = Enumerable.Range(0, Math.Max(1, plan.Settings.Concurrency)).Select(async _ =>
        {
            while (!stopSending.IsCancellationRequested && queue.TryDequeue(out var item))
            {
                var key = (plan.Settings.Name, item.Evaluator.Name, item.Sample.Id);
                SampleResult? result;
                if (previous is not null && previous.TryGetValue(key, out var done) && done.ErrorKind.Length == 0)
                {
                    result = FromJournal(plan.Settings.Name, item.Evaluator, item.Sample, done);
                }
                else if (breaker.Cause is { } cause)
                {
                    result = NotSent(plan.Settings.Name, item.Sample, cause);
                }
                else
                {
                    result = await RunOneAsync(plan, retry, breaker, admission, item.Evaluator, item.Sample, item.ExplicitLimit, stopSending, abort).ConfigureAwait(false);
                    if (result is null) continue; // cancelled in flight: not finished, not journaled, resumable
                }
                results.Add(result);
                _observer.OnFinished(result);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task<SampleResult?> RunOneAsync(ModelPlan plan, RetryPolicy retry, LaneBreaker breaker, ModelAdmission admission, IEvaluator evaluator, EvalSample sample, bool explicitLimit, CancellationToken stopSending, CancellationToken abort)
    {
        var settings = plan.Settings;
        var limit = OutputLimit.Resolve(settings, explicitLimit, sample.MaxOutputTokens).Tokens;
        var request = new ModelRequest(sample.Messages, limit, sample.Temperature ?? settings.Temperature);
        var started = DateTimeOffset.UtcNow;
        var attempts = 0;
        var waited = TimeSpan.Zero;
        ModelResponse? response = null;
        ModelCallException? failure = null;
        using var waitForBudget = CancellationTokenSource.CreateLinkedTokenSource(stopSending, abort);
        if (plan.Client is ILocalAnswerSource local)
        {
            // The response cache answers before admission: a cached answer takes no request or token budget.
            try
            {
                response = await local.TryAnswerLocallyAsync(request, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return null;
            }
        }
        while (response is null)
        {
            ModelAdmission.AdmissionLease lease;
            try
            {
                // Stopping the run cancels a first send still waiting for budget; a retry, as before, only on abort.
                var tokens = admission.TracksTokens ? PromptTokensOf(sample) + (long)limit : 0;
                lease = await admission.AcquireAsync(tokens, attempts == 0 ? waitForBudget.Token : abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null; // never sent (or its retry never sent): not finished, resumable
            }
            attempts++;
            try
            {
                response = await plan.Client.CompleteAsync(request, abort).ConfigureAwait(false);
                // An answer from the response cache never left: its whole reservation comes back.
                if (response.FromCache) lease.Refund(); else lease.Complete(response.Usage);
                admission.Observe(response.RateLimits);
                breaker.OnAnswered();
                break;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                lease.Keep();
                return null;
            }
            catch (ModelCallException ex)
            {
                if (ex.Kind == ErrorKind.RateLimited) lease.Refund(); else lease.Keep();
                if (ex.HttpStatus is not null) admission.Observe(ex.RateLimits);
                if (abort.IsCancellationRequested) return null;
                if (breaker.OnFailure(ex)) _observer.OnLaneStopped(settings.Name, ex);
                var delay = breaker.IsOpen ? null : retry.NextDelay(ex, attempts, waited);
                // A 429 pauses the whole lane for the server's hint, not just this request's retry.
                if (ex.Kind == ErrorKind.RateLimited) admission.Pause(delay ?? Min(ex.RetryAfter ?? TimeSpan.Zero, retry.MaxRetryAfter));
                if (delay is null)
                {
                    failure = ex;
                    break;
                }
                _observer.OnRetrying(settings.Name, evaluator.Name, sample.Id, ex, attempts, delay.Value);
                try
                {
                    await Task.Delay(delay.Value, abort).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
                waited += delay.Value;
                if (breaker.IsOpen)
                {
                    failure = ex;
                    break;
                }
            }
        }

        var record = new JournalRecord
        {
            Model = settings.Name,
            Eval = evaluator.Name,
            Id = sample.Id,
            Response = response?.Text,
            ErrorKind = failure?.Kind.ToCsv() ?? "",
            ErrorMessage = failure?.Message,
            HttpStatus = failure?.HttpStatus,
            Attempts = response?.FromCache == true ? 0 : attempts, // requests sent: none for a cached answer
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            TtftMs = response?.TtftMs,
            LatencyMs = response?.FromCache == true ? null : response?.LatencyMs, // a cached answer has no latency
            OutputTokensPerSecond = response?.OutputTokensPerSecond,
            PromptTokens = response?.Usage?.PromptTokens,
            CachedTokens = response?.Usage?.CachedTokens,
            CompletionTokens = response?.Usage?.CompletionTokens,
            ReasoningTokens = response?.Usage?.ReasoningTokens,
            UsageMissing = response is not null && response.Usage is null,
            ServedModel = response?.ServedModel,
            FinishReason = response?.FinishReason,
            MaxOutputTokens = request.MaxOutputTokens,
            TtfbMs = response?.TtfbMs,
            FirstReasoningMs = response?.FirstReasoningMs,
            Reasoning = response?.Reasoning,
            CachedResponse = response?.FromCache == true,
        };
        // Journal first: the request is paid for; scoring can always be redone from the journal.
        await journal.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        // The response text is in the journal: the run keeps only what its files and summaries need.
        return FromJournal(settings.Name, evaluator, sample, record);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>A sample skipped because its model's lane stopped: an error row with 0 attempts, never journaled.</summary>
    private static SampleResult NotSent(string model, EvalSample sample, ModelCallException cause) => new()
    {
        Model = model,
        Sample = sample,
        ErrorKind = cause.Kind,
        ErrorMessage = LaneBreaker.NotSentMessage(cause),
        Attempts = 0,
        StartedUtc = DateTimeOffset.UtcNow,
    };

    /// <summary>
    /// Builds a result from a journal record, scoring it when it holds a response. The result does not keep the text (the
    /// journal does), so a run's memory does not grow with response sizes.
    /// </summary>
    public static SampleResult FromJournal(string model, IEvaluator evaluator, EvalSample sample, JournalRecord record)
    {
        var kind = ParseErrorKind(record.ErrorKind);
        SampleScore? score = null;
        if (kind == ErrorKind.None)
        {
            score = evaluator.Score(sample, record.Response ?? "");
        }
        return new SampleResult
        {
            Model = model,
            Sample = sample,
            Score = score,
            ErrorKind = kind,
            ErrorMessage = record.ErrorMessage,
            HttpStatus = record.HttpStatus,
            Usage = record.UsageMissing && record.PromptTokens is null
                ? null
                : new TokenUsage(record.PromptTokens, record.CachedTokens, record.CompletionTokens, record.ReasoningTokens),
            UsageMissing = record.UsageMissing,
            TtftMs = record.TtftMs,
            TtfbMs = record.TtfbMs,
            FirstReasoningMs = record.FirstReasoningMs,
            FinishReason = kind == ErrorKind.None ? record.FinishReason : null,
            MaxOutputTokens = record.MaxOutputTokens,
            LatencyMs = record.LatencyMs,
            OutputTokensPerSecond = record.OutputTokensPerSecond,
            Attempts = record.Attempts,
            StartedUtc = record.StartedUtc,
            ServedModel = record.ServedModel,
            CachedResponse = record.CachedResponse,
            Batch = record.Batch,
        };
    }

    public static ErrorKind ParseErrorKind(string csv)
    {
        if (string.IsNullOrEmpty(csv)) return ErrorKind.None;
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            if (kind.ToCsv() == csv) return kind;
        }
        return ErrorKind.Other;
    }
}
