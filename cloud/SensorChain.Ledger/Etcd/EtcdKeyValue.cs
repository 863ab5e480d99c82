namespace SensorChain.Ledger.Etcd;

/// <summary>One key-value pair as etcd returns it.</summary>
/// <param name="Key">Key bytes.</param>
/// <param name="Value">Value bytes.</param>
/// <param name="CreateRevision">Revision that created the key.</param>
/// <param name="ModRevision">Revision of the last change.</param>
public sealed record EtcdKeyValue(byte[] Key, byte[] Value, long CreateRevision, long ModRevision);
