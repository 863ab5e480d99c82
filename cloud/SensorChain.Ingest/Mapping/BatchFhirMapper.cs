using System.Buffers;
using System.Globalization;
using SensorChain.Fhir;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Mapping;

/// <summary>
/// Maps a verified batch to FHIR R4: one Observation per channel group and batch window (not per sample), as
/// iomt-fhir groups readings, plus one Provenance per batch. Ids are derived from (device, sequence, code), so a
/// redelivered batch maps to the same resources. See README.md for the coding table and the rules.
/// </summary>
public static class BatchFhirMapper
{
    /// <summary>Maps <paramref name="signed"/> for the patient of <paramref name="patientId"/>.</summary>
    public static MappedBatch Map(SignedBatch signed, string patientId, DateTimeOffset receivedAt)
    {
        var observations = Observations(signed, patientId);
        var batch = signed.Batch;
        return new MappedBatch(observations, Provenance(signed, batch.Device.ToString(), ProvenanceId(batch.Device, batch.Sequence), observations, receivedAt));
    }

    /// <summary>
    /// The Observations of <see cref="Map"/> alone, sorted by id: they depend only on the batch and the patient (not on
    /// when it arrived), which is what lets a store keep a <see cref="Storage.BatchObservationReference"/> instead of their JSON.
    /// </summary>
    public static IReadOnlyList<Observation> MapObservations(SignedBatch signed, string patientId) => Observations(signed, patientId);

    private static List<Observation> Observations(SignedBatch signed, string patientId)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var batch = signed.Batch;
        var device = batch.Device.ToString();
        var provenanceId = ProvenanceId(batch.Device, batch.Sequence);
        var context = new Context(batch, device, patientId, provenanceId);
        var observations = new List<Observation>();

        ChannelBlock? systolic = null, diastolic = null, mean = null, ax = null, ay = null, az = null;
        foreach (var channel in batch.Channels)
        {
            switch (channel.Kind)
            {
                case SensorKind.BloodPressureSystolic: systolic = channel; break;
                case SensorKind.BloodPressureDiastolic: diastolic = channel; break;
                case SensorKind.BloodPressureMean: mean = channel; break;
                case SensorKind.AccelX: ax = channel; break;
                case SensorKind.AccelY: ay = channel; break;
                case SensorKind.AccelZ: az = channel; break;
                default:
                    observations.Add(SensorKindInfo.IsWaveform(channel.Kind) && !channel.IsSpot
                        ? Waveform(context, channel, SensorCodes.For(channel.Kind))
                        : Numeric(context, channel, SensorCodes.For(channel.Kind)));
                    break;
            }
        }

        if (systolic is not null || diastolic is not null || mean is not null)
        {
            observations.Add(BloodPressure(context, systolic, diastolic, mean));
        }

        if (ax is not null || ay is not null || az is not null)
        {
            observations.Add(Accelerometer(context, ax, ay, az));
        }

        observations.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return observations;
    }

    /// <summary>Id of the Observation of <paramref name="code"/> from a batch.</summary>
    public static string ObservationId(DeviceId device, ulong sequence, SensorCode code) =>
        string.Create(CultureInfo.InvariantCulture, $"{device}-{sequence}-{code.Slug}");

    /// <summary>Id of a batch's Provenance.</summary>
    public static string ProvenanceId(DeviceId device, ulong sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{device}-{sequence}-prov");

    private static Observation Numeric(Context c, ChannelBlock channel, SensorCode code)
    {
        var absent = AbsentReason(channel);
        return Base(c, code, channel.Quality) with
        {
            EffectiveDateTime = channel.Count == 1 ? c.At(channel.OffsetMsAt(0)) : null,
            EffectivePeriod = channel.Count == 1 ? null : Window(c, channel),
            ValueQuantity = absent is null ? Mean(channel, code) : null,
            DataAbsentReason = absent,
        };
    }

    private static Observation Waveform(Context c, ChannelBlock channel, SensorCode code)
    {
        var absent = AbsentReason(channel);
        return Base(c, code, channel.Quality) with
        {
            EffectivePeriod = new Period { Start = c.Batch.Start, End = c.Batch.End },
            ValueSampledData = absent is null ? Sampled(channel) : null,
            DataAbsentReason = absent,
        };
    }

    private static Observation BloodPressure(Context c, ChannelBlock? systolic, ChannelBlock? diastolic, ChannelBlock? mean)
    {
        var components = new List<ObservationComponent>
        {
            Component(SensorCodes.Systolic, systolic, "mmHg"),
            Component(SensorCodes.Diastolic, diastolic, "mmHg"),
        };
        if (mean is not null)
        {
            components.Add(Component(SensorCodes.MeanArterial, mean, "mmHg"));
        }

        var present = new[] { systolic, diastolic, mean }.Where(x => x is { Count: > 0 }).Select(x => x!).ToList();
        var quality = present.Aggregate(SignalQuality.Good, (q, x) => q | x.Quality);
        var offsets = present.SelectMany(x => Enumerable.Range(0, x.Count).Select(x.OffsetMsAt)).ToList();
        var observation = Base(c, SensorCodes.BloodPressure, quality) with { Component = components };
        if (offsets.Count == 0)
        {
            return observation with { EffectivePeriod = new Period { Start = c.Batch.Start, End = c.Batch.End } };
        }

        var first = offsets.Min();
        var last = offsets.Max();
        return first == last
            ? observation with { EffectiveDateTime = c.At(first) }
            : observation with { EffectivePeriod = new Period { Start = c.At(first), End = c.At(last) } };
    }

    private static Observation Accelerometer(Context c, ChannelBlock? x, ChannelBlock? y, ChannelBlock? z)
    {
        var components = new List<ObservationComponent>();
        var quality = SignalQuality.Good;
        foreach (var (coding, channel) in new[] { (SensorCodes.AccelX, x), (SensorCodes.AccelY, y), (SensorCodes.AccelZ, z) })
        {
            if (channel is null)
            {
                continue;
            }

            quality |= channel.Quality;
            var absent = AbsentReason(channel);
            components.Add(new ObservationComponent
            {
                Code = new CodeableConcept { Coding = [coding], Text = coding.Display },
                ValueSampledData = absent is null && !channel.IsSpot ? Sampled(channel) : null,
                ValueQuantity = absent is null && channel.IsSpot ? Mean(channel, SensorCodes.Accelerometer) : null,
                DataAbsentReason = absent,
            });
        }

        return Base(c, SensorCodes.Accelerometer, quality) with
        {
            EffectivePeriod = new Period { Start = c.Batch.Start, End = c.Batch.End },
            Component = components,
        };
    }

    private static ObservationComponent Component(Coding coding, ChannelBlock? channel, string unitText)
    {
        var absent = channel is null ? Absent("not-performed", "Not measured in this window") : AbsentReason(channel);
        return new ObservationComponent
        {
            Code = new CodeableConcept { Coding = [coding], Text = coding.Display },
            ValueQuantity = absent is null ? Mean(channel!, unitText) : null,
            DataAbsentReason = absent,
        };
    }

    private static Observation Base(Context c, SensorCode code, SignalQuality quality)
    {
        var id = ObservationId(c.Batch.Device, c.Batch.Sequence, code);
        return new Observation
        {
            Id = id,
            Extension = [new Extension { Url = FhirSystems.ProvenanceExtension, ValueReference = ResourceReference.To("Provenance", c.ProvenanceId) }],
            Identifier = [new Identifier(FhirSystems.BatchIdentifier, IdentifierValue(c.Batch.Device, c.Batch.Sequence, code))],
            Status = "final",
            Category = [CodeableConcept.Of(FhirSystems.ObservationCategory, code.Category, CategoryDisplay(code.Category))],
            Code = new CodeableConcept { Coding = code.Codings, Text = code.Text },
            Subject = ResourceReference.To("Patient", c.PatientId),
            Device = ResourceReference.To("Device", c.Device),
            Note = QualityNote(quality),
        };
    }

    /// <summary>The conditional-create identifier value <c>&lt;device&gt;/&lt;sequence&gt;/&lt;code&gt;</c>.</summary>
    public static string IdentifierValue(DeviceId device, ulong sequence, SensorCode code) =>
        string.Create(CultureInfo.InvariantCulture, $"{device}/{sequence}/{code.PrimaryCode}");

    /// <summary>
    /// The id ingest gives the Observation with identifier <see cref="FhirSystems.BatchIdentifier"/>|<paramref name="value"/>
    /// (<c>&lt;device&gt;/&lt;sequence&gt;/&lt;code&gt;</c>), or null when the value is not of that form.
    /// </summary>
    public static string? ObservationIdForIdentifier(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('/');
        if (parts.Length != 3 || !DeviceId.TryParse(parts[0], out var device)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        var code = SensorCodes.All.FirstOrDefault(c => c.PrimaryCode == parts[2]);
        return code is null ? null : ObservationId(device, sequence, code);
    }

    private static Provenance Provenance(SignedBatch signed, string device, string id, List<Observation> observations, DateTimeOffset receivedAt)
    {
        var batch = signed.Batch;
        var deviceRef = ResourceReference.To("Device", device);
        return new Provenance
        {
            Id = id,
            Target = [.. observations.Select(o => o.ToReference())],
            OccurredPeriod = new Period { Start = batch.Start, End = batch.End },
            Recorded = receivedAt,
            Activity = CodeableConcept.Of("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create"),
            Agent = [new ProvenanceAgent
            {
                Type = CodeableConcept.Of("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler"),
                Who = deviceRef,
            }],
            Entity = BatchEntities(batch, signed.Hash),
            Signature =
            [
                new Signature
                {
                    Type = [new Coding(FhirSystems.SignatureType, "1.2.840.10065.1.12.1.5", "Verification Signature")],
                    When = batch.End,
                    Who = deviceRef,
                    TargetFormat = FhirSystems.BatchMediaType,
                    SigFormat = FhirSystems.SignatureMediaType,
                    Data = Convert.ToBase64String(signed.Signature.Span),
                },
            ],
        };
    }

    /// <summary>Id of the Binary that serves a raw signed batch (<c>GET /fhir/Binary/{id}</c>).</summary>
    public static string BatchBinaryId(DeviceId device, ulong sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{device}-{sequence}");

    private static List<ProvenanceEntity> BatchEntities(SensorBatch batch, BatchHash hash)
    {
        var entities = new List<ProvenanceEntity>
        {
            new()
            {
                Role = "source",
                What = new ResourceReference
                {
                    Reference = "Binary/" + BatchBinaryId(batch.Device, batch.Sequence),
                    Identifier = new Identifier(FhirSystems.BatchHash, hash.ToString()),
                    Display = string.Create(CultureInfo.InvariantCulture, $"signed batch {batch.Device}/{batch.Sequence}"),
                },
            },
        };
        if (batch.Sequence > 0)
        {
            entities.Add(new ProvenanceEntity
            {
                Role = "derivation",
                What = new ResourceReference
                {
                    Reference = "Binary/" + BatchBinaryId(batch.Device, batch.Sequence - 1),
                    Identifier = new Identifier(FhirSystems.BatchHash, batch.PreviousHash.ToString()),
                    Display = "previous batch in the device's chain",
                },
            });
        }

        return entities;
    }

    private static Quantity Mean(ChannelBlock channel, SensorCode code) => Mean(channel, code.UnitText ?? channel.Unit);

    private static Quantity Mean(ChannelBlock channel, string unitText)
    {
        double sum = 0;
        foreach (var v in channel.Values)
        {
            sum += v;
        }

        var digits = Math.Clamp(-channel.Exponent + 1, 0, 9);
        var value = Math.Round(sum / channel.Count * channel.Scale, digits, MidpointRounding.AwayFromZero);
        return Quantity.Ucum((decimal)value, channel.Unit, unitText);
    }

    private static SampledData Sampled(ChannelBlock channel)
    {
        // Digits straight into one pooled buffer (no string per sample): the values are scaled integers.
        var values = channel.Values;
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, values.Length * 21));
        var length = 0;
        foreach (var v in values)
        {
            if (length > 0)
            {
                buffer[length++] = ' ';
            }

            v.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
        }

        var data = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return new SampledData
        {
            Origin = Quantity.Ucum(0m, channel.Unit),
            Period = Math.Round(1_000_000m / channel.SampleRateMilliHz, 6),
            Factor = (decimal)channel.Scale,
            Dimensions = 1,
            Data = data,
        };
    }

    private static Period Window(Context c, ChannelBlock channel) =>
        channel.IsSpot
            ? new Period { Start = c.At(channel.OffsetMsAt(0)), End = c.At(channel.OffsetMsAt(channel.Count - 1)) }
            : new Period { Start = c.Batch.Start, End = c.Batch.End };

    private static CodeableConcept? AbsentReason(ChannelBlock channel)
    {
        if ((channel.Quality & SignalQuality.LeadOff) != 0)
        {
            return Absent("error", "ECG leads off");
        }

        if ((channel.Quality & SignalQuality.Detached) != 0)
        {
            return Absent("error", "Sensor detached");
        }

        if ((channel.Quality & SignalQuality.DeviceFault) != 0)
        {
            return Absent("error", "Sensor did not answer");
        }

        return channel.Count == 0 ? Absent("unknown", "No samples in this window") : null;
    }

    private static CodeableConcept Absent(string code, string text) =>
        CodeableConcept.Of(FhirSystems.DataAbsentReason, code, code == "error" ? "Error" : code == "unknown" ? "Unknown" : "Not Performed", text);

    private static List<Annotation>? QualityNote(SignalQuality quality)
    {
        if (quality == SignalQuality.Good)
        {
            return null;
        }

        var flags = Enum.GetValues<SignalQuality>().Where(f => f != SignalQuality.Good && (quality & f) != 0).Select(f => f.ToString());
        return [new Annotation { Text = "Signal quality: " + string.Join(", ", flags) }];
    }

    private static string CategoryDisplay(string category) => category switch
    {
        "vital-signs" => "Vital Signs",
        "laboratory" => "Laboratory",
        "activity" => "Activity",
        "procedure" => "Procedure",
        _ => category,
    };

    private sealed record Context(SensorBatch Batch, string Device, string PatientId, string ProvenanceId)
    {
        public DateTimeOffset At(double offsetMs) => Batch.Start.AddMilliseconds(offsetMs);
    }
}
