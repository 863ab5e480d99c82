using SensorChain.Fhir;
using SensorChain.FhirApi.Subscriptions;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>A subscription's notification queue never blocks ingest, and what it drops is counted and reported.</summary>
public sealed class SubscriptionQueueTests
{
    [Fact]
    public void A_full_notification_queue_drops_the_oldest_and_reports_it()
    {
        var criteria = SubscriptionCriteria.TryParse("DetectedIssue?patient=p-1", out var error);
        Assert.Null(error);
        var reported = new List<string>();
        var resource = new Subscription
        {
            Id = "sub-1",
            Status = "active",
            Reason = "test",
            Criteria = "DetectedIssue?patient=p-1",
            Channel = new SubscriptionChannel { Type = "rest-hook", Endpoint = "http://127.0.0.1:1/hook" },
        };
        using var subscription = new ActiveSubscription(resource, "owner", criteria!, 2, s => reported.Add(s.Id));

        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.True(subscription.Queue.Writer.TryWrite(new DetectedIssue { Id = id, Status = "final" }));
        }

        Assert.Equal(1, subscription.Dropped);
        Assert.Equal(["sub-1"], reported);
        Assert.True(subscription.Queue.Reader.TryRead(out var first));
        Assert.Equal("b", first.Id);
    }
}
