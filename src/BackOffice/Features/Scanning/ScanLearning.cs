using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace BackOffice.Features.Scanning;

/// <summary>
/// The learned routing: an ML.NET text classifier (FeaturizeText, SdcaMaximumEntropy) trained on the documents the
/// mail room confirmed, labelled with the unit and service their inbox item has now (so a later forwarding teaches
/// too). A fifth of them is held back and the model's accuracy on those is stored with it. It trains again in the
/// background once enough new confirmations came; the newest model is used for guesses.
/// </summary>
public sealed class ScanLearning(IDbContextFactory<BackOfficeDb> factory, ILogger<ScanLearning> log) : BackgroundService
{
    /// <summary>Fewer confirmed documents than this, or only one unit among them, teach nothing useful.</summary>
    public const int MinimumExamples = 20;
    /// <summary>New confirmations after which the model is trained again.</summary>
    public const int RetrainAfter = 20;
    private const int MaxTextForLearning = 4000;

    public sealed record Guess(int UnitId, int? ServiceId, int Confidence);
    public sealed record Trained(DateTime At, int Examples, int HeldOut, double Accuracy, int Classes);

    private readonly Lock _gate = new();
    private (int ModelId, PredictionEngine<Example, Prediction> Engine, string[] Labels, double Accuracy)? _current;

    public sealed class Example
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    public sealed class Prediction
    {
        [ColumnName("PredictedLabel")] public string Label { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), ct); // after start-up's own work
        while (!ct.IsCancellationRequested)
        {
            try { await TrainIfDueAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Training the scan routing failed"); }
            await Task.Delay(TimeSpan.FromMinutes(10), ct);
        }
    }

    /// <summary>Trains when no model exists yet or enough documents were confirmed since the last one.</summary>
    public async Task<Trained?> TrainIfDueAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.System;
        var last = await db.ScanModels.OrderByDescending(m => m.Id).Select(m => new { m.TrainedAt, m.Examples, m.HeldOut }).FirstOrDefaultAsync(ct);
        var confirmed = await db.ScanDocuments.CountAsync(d => d.State == ScanDocumentState.Confirmed && d.InboxItemId != null, ct);
        if (last is not null && confirmed - (last.Examples + last.HeldOut) < RetrainAfter) return null;
        return await TrainAsync(ct);
    }

    /// <summary>Trains on every confirmed document now; null when there are too few or they name only one unit.</summary>
    public async Task<Trained?> TrainAsync(CancellationToken ct = default)
    {
        List<Example> examples;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Scope = UnitScope.System;
            var rows = await (from d in db.ScanDocuments.AsNoTracking()
                              join i in db.InboxItems.AsNoTracking() on d.InboxItemId equals i.Id
                              where d.State == ScanDocumentState.Confirmed && d.Text != null
                              orderby d.Id
                              select new { d.Text, i.UnitId, i.ServiceId }).ToListAsync(ct);
            examples = rows.Select(r => new Example { Text = Cut(r.Text!), Label = Label(r.UnitId, r.ServiceId) }).ToList();
        }
        return await Task.Run(async () =>
        {
            var trained = Train(examples);
            if (trained is null) return null;
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Scope = UnitScope.System;
            db.Actor = "Scanstelle (Lernen)";
            db.ScanModels.Add(trained.Value.Model);
            await db.SaveChangesAsync(ct);
            // Older models are kept for nothing: one row is enough.
            await db.ScanModels.Where(m => m.Id != trained.Value.Model.Id).ExecuteDeleteAsync(ct);
            log.LogInformation("Scan routing trained on {Examples} documents, {Accuracy:P1} right on {HeldOut} held back", trained.Value.Model.Examples,
                trained.Value.Model.Accuracy, trained.Value.Model.HeldOut);
            var m = trained.Value.Model;
            return new Trained(m.TrainedAt, m.Examples, m.HeldOut, m.Accuracy, m.Classes);
        }, ct);
    }

    /// <summary>A confirmed document's text and where it went.</summary>
    public sealed record Labelled(string Text, int UnitId, int? ServiceId);

    /// <summary>A trained classifier, for a benchmark or a test to ask directly.</summary>
    public sealed class Classifier(PredictionEngine<Example, Prediction> engine, string[] labels)
    {
        private readonly Lock _gate = new();
        public Guess? Guess(string text) { lock (_gate) return Predict(engine, labels, text).FirstOrDefault(); }
    }

    /// <summary>Trains on the examples (none held back); null when they are too few or name one unit only.</summary>
    public static Classifier? Fit(IReadOnlyList<Labelled> examples) =>
        FitModel(examples.Select(e => new Example { Text = Cut(e.Text), Label = Label(e.UnitId, e.ServiceId) }).ToList()) is { } fitted
            ? new Classifier(fitted.Engine, SlotLabels(fitted.Engine)) : null;

    private static (MLContext Ml, ITransformer Model, IDataView Data, PredictionEngine<Example, Prediction> Engine)? FitModel(List<Example> examples)
    {
        if (examples.Count < MinimumExamples * 4 / 5 || examples.Select(e => e.Label.Split(':')[0]).Distinct().Count() < 2) return null;
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(examples);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(Example.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        return (ml, model, data, ml.Model.CreatePredictionEngine<Example, Prediction>(model));
    }

    /// <summary>Trains on four fifths of the examples and measures on the fifth held back (every fifth document).</summary>
    private static (ScanModel Model, ITransformer Transformer)? Train(List<Example> examples)
    {
        if (examples.Count < MinimumExamples) return null;
        var test = examples.Where((_, i) => i % 5 == 4).ToList();
        if (FitModel(examples.Where((_, i) => i % 5 != 4).ToList()) is not { } fitted) return null;
        // Right means the right unit: that is where the document goes; the service is a help for the unit.
        var labels = SlotLabels(fitted.Engine);
        var right = test.Count(e => Predict(fitted.Engine, labels, e.Text).FirstOrDefault()?.UnitId.ToString() == e.Label.Split(':')[0]);
        using var stream = new MemoryStream();
        fitted.Ml.Model.Save(fitted.Model, fitted.Data.Schema, stream);
        return (new ScanModel
        {
            TrainedAt = DateTime.UtcNow, Examples = examples.Count - test.Count, HeldOut = test.Count, Classes = examples.Select(e => e.Label).Distinct().Count(),
            Accuracy = test.Count == 0 ? 0 : (double)right / test.Count, Model = stream.ToArray(),
        }, fitted.Model);
    }

    /// <summary>The newest model's guess for a text; null without a model.</summary>
    public async Task<Guess?> GuessAsync(BackOfficeDb db, string? text, CancellationToken ct = default) =>
        (await GuessesAsync(db, text, ct)).FirstOrDefault();

    /// <summary>The newest model's guesses for a text, the likeliest unit first; empty without a model.</summary>
    public async Task<IReadOnlyList<Guess>> GuessesAsync(BackOfficeDb db, string? text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var newest = await db.ScanModels.OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (newest is not { } id) return [];
        lock (_gate)
            if (_current is { } current && current.ModelId == id) return Calibrated(Predict(current.Engine, current.Labels, text), current.Accuracy);
        var stored = await db.ScanModels.Where(m => m.Id == id).Select(m => new { m.Model, m.Accuracy }).SingleAsync(ct);
        var bytes = stored.Model;
        var ml = new MLContext(seed: 1);
        var engine = ml.Model.CreatePredictionEngine<Example, Prediction>(ml.Model.Load(new MemoryStream(bytes), out _));
        var labels = SlotLabels(engine);
        lock (_gate)
        {
            _current = (id, engine, labels, stored.Accuracy);
            return Calibrated(Predict(engine, labels, text), stored.Accuracy);
        }
    }

    /// <summary>
    /// The model's probability times its accuracy on held-back scans: a model right half the time does not say "75 %
    /// sicher", and a threshold for routing without a check means what it says.
    /// </summary>
    private static IReadOnlyList<Guess> Calibrated(IReadOnlyList<Guess> guesses, double accuracy) =>
        guesses.Select(g => g with { Confidence = (int)Math.Round(g.Confidence * Math.Clamp(accuracy, 0, 1)) }).ToList();

    /// <summary>The label of each score, in the order of the scores.</summary>
    private static string[] SlotLabels(PredictionEngine<Example, Prediction> engine)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    // A prediction engine is not thread-safe: callers hold the lock.
    // The labels are unit and service ("12:40"); the unit's probability is the sum over its services, and a service is
    // named only when it has most of its unit's probability.
    private static IReadOnlyList<Guess> Predict(PredictionEngine<Example, Prediction> engine, string[] labels, string text)
    {
        var scores = engine.Predict(new Example { Text = Cut(text) }).Score;
        if (scores.Length != labels.Length || scores.Length == 0) return [];
        return labels.Select((label, i) => (Parts: label.Split(':'), Score: scores[i]))
            .GroupBy(x => x.Parts[0]).Select(g => (Unit: g.Key, Score: g.Sum(x => x.Score), Best: g.MaxBy(x => x.Score)))
            .OrderByDescending(g => g.Score)
            .Select(g => int.TryParse(g.Unit, out var unitId)
                ? new Guess(unitId, g.Best.Parts.Length > 1 && g.Best.Score > g.Score / 2 && int.TryParse(g.Best.Parts[1], out var s) ? s : null,
                    (int)Math.Round(100 * Math.Min(1, g.Score)))
                : null)
            .OfType<Guess>().ToList();
    }

    public static string Label(int unitId, int? serviceId) => serviceId is { } s ? $"{unitId}:{s}" : $"{unitId}";

    private static string Cut(string text) => text.Length > MaxTextForLearning ? text[..MaxTextForLearning] : text;
}
