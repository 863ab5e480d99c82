using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>
/// Hiding commitments to batches: k_batch = HKDF-SHA256(patient secret, info = batch id), commitment =
/// HMAC-SHA256(k_batch, batch hash). Revealing k_batch proves one batch and nothing else; deleting the patient
/// secret severs every link between the ledger and the patient's data.
/// </summary>
public static class BatchCommitment
{
    /// <summary>The batch id: device id hex, a colon, the sequence number.</summary>
    public static string BatchId(DeviceId device, ulong sequence) =>
        device + ":" + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>k_batch.</summary>
    public static byte[] DeriveBatchKey(ReadOnlySpan<byte> patientSecret, string batchId)
    {
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, patientSecret, key, [], Encoding.UTF8.GetBytes(batchId));
        return key;
    }

    /// <summary>HMAC-SHA256(k_batch, batch hash).</summary>
    public static byte[] Commit(ReadOnlySpan<byte> batchKey, BatchHash batchHash) => HMACSHA256.HashData(batchKey, batchHash.Bytes);
}
