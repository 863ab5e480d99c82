using SensorChain.Fhir;

namespace SensorChain.FhirApi;

/// <summary>Builds the CapabilityStatement: exactly the interactions, parameters and operations this API implements.</summary>
internal static class CapabilityStatementFactory
{
    public static CapabilityStatement Create(DateTimeOffset date, string baseUrl, int maxRequestBytes)
    {
        CapabilityStatementInteraction[] readOnly = [new("read"), new("vread")];
        return new CapabilityStatement
        {
            Id = "sensorchain",
            Name = "SensorChainFhirServer",
            Title = "SensorChain FHIR R4 server",
            Status = "active",
            Date = date,
            Publisher = "SensorChain",
            Kind = "instance",
            Software = new CapabilityStatementSoftware { Name = "SensorChain", Version = typeof(CapabilityStatementFactory).Assembly.GetName().Version?.ToString() },
            Implementation = new CapabilityStatementImplementation { Description = "SensorChain cloud: verified bedside vital signs", Url = baseUrl },
            FhirVersion = "4.0.1",
            Format = ["json", "application/fhir+json"],
            Rest =
            [
                new CapabilityStatementRest
                {
                    Mode = "server",
                    Documentation = "Verified sensor Observations: read, search, create and conditional create (If-None-Exist: identifier=system|value), "
                        + "Bulk Data export (NDJSON), Subscriptions (rest-hook; websocket at " + baseUrl + "/$subscription-websocket: send 'bind <id>', get 'ping <id>'). Unknown search parameters are ignored unless 'Prefer: handling=strict' is sent. "
                        + "Request bodies are limited to " + maxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes.",
                    Operation =
                    [
                        new CapabilityStatementOperation { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export", Documentation = "Prefer: respond-async; _type, _since; NDJSON." },
                    ],
                    Resource =
                    [
                        new CapabilityStatementResource
                        {
                            Type = "Observation",
                            Profile = "http://hl7.org/fhir/StructureDefinition/Observation",
                            Interaction = [.. readOnly, new("search-type"), new("create")],
                            Versioning = "versioned",
                            ReadHistory = true,
                            ConditionalCreate = true,
                            SearchInclude = ["Observation:device"],
                            SearchParam =
                            [
                                Param("patient", "reference", "http://hl7.org/fhir/SearchParameter/clinical-patient"),
                                Param("subject", "reference", "http://hl7.org/fhir/SearchParameter/Observation-subject"),
                                Param("code", "token", "http://hl7.org/fhir/SearchParameter/clinical-code"),
                                Param("category", "token", "http://hl7.org/fhir/SearchParameter/Observation-category"),
                                Param("date", "date", "http://hl7.org/fhir/SearchParameter/clinical-date", "Prefixes eq, ge, le, gt, lt."),
                                Param("_lastUpdated", "date", "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated", "Prefixes eq, ge, le, gt, lt."),
                                Param("_count", "number", null, "Page size (at most 1000)."),
                                Param("_sort", "special", null, "date or -date."),
                            ],
                            Operation = [new CapabilityStatementOperation { Name = "lastn", Definition = "http://hl7.org/fhir/OperationDefinition/Observation-lastn" }],
                        },
                        Resource("Patient") with
                        {
                            Operation = [new CapabilityStatementOperation { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export" }],
                        },
                        Resource("Device"),
                        Resource("Provenance"),
                        new CapabilityStatementResource
                        {
                            Type = "Subscription",
                            Profile = "http://hl7.org/fhir/StructureDefinition/Subscription",
                            Interaction = [.. readOnly, new("create"), new("delete")],
                            Versioning = "versioned",
                            ReadHistory = true,
                        },
                        new CapabilityStatementResource
                        {
                            Type = "Binary",
                            Profile = "http://hl7.org/fhir/StructureDefinition/Binary",
                            Interaction = [new("read")],
                            Versioning = "no-version",
                        },
                    ],
                },
            ],
        };

        CapabilityStatementResource Resource(string type) => new()
        {
            Type = type,
            Profile = "http://hl7.org/fhir/StructureDefinition/" + type,
            Interaction = readOnly,
            Versioning = "versioned",
            ReadHistory = true,
        };
    }

    private static CapabilityStatementSearchParam Param(string name, string type, string? definition, string? documentation = null) =>
        new() { Name = name, Type = type, Definition = definition, Documentation = documentation };
}
