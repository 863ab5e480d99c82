using FsCheck;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Tests;

public sealed class SignedNoteTests
{
    [Fact]
    public void Signed_checkpoint_round_trips_and_verifies()
    {
        var signer = new NoteSigner("sensorchain.example/log", Ed25519Key.Create());
        var checkpoint = new Checkpoint("sensorchain.example/log", 8, MerkleVectorTests.ReferenceTree().Root(8));
        var note = signer.SignNote(checkpoint.ToText());
        var parsed = SignedNote.Parse(note.ToString());
        Assert.Equal(note.Text, parsed.Text);
        Assert.True(signer.Verifier.Verify(parsed.Text, parsed.Signatures[0], out _));
        Assert.Equal(checkpoint.Root, Checkpoint.Parse(parsed.Text).Root);
        Assert.False(signer.Verifier.Verify(parsed.Text.Replace("\n8\n", "\n9\n", StringComparison.Ordinal), parsed.Signatures[0], out _));
    }

    [Fact]
    public void Verifier_key_round_trips_and_rejects_a_wrong_key_id()
    {
        var signer = new NoteSigner("org-a.example", Ed25519Key.Create());
        var vkey = signer.VerifierKey;
        Assert.Equal(signer.KeyId, NoteVerifier.Parse(vkey).KeyId);
        var parts = vkey.Split('+', 3);
        var bad = parts[0] + "+" + (parts[1] == "00000000" ? "00000001" : "00000000") + "+" + parts[2];
        Assert.Throws<NoteFormatException>(() => NoteVerifier.Parse(bad));
    }

    [Fact]
    public void Cosignature_carries_its_timestamp_and_covers_the_checkpoint()
    {
        var cosigner = new CosignatureSigner("witness.org-b", Ed25519Key.Create());
        var text = new Checkpoint("log", 1, MerkleHash.Leaf([])).ToText();
        var line = cosigner.Cosign(text, 1_700_000_000);
        var verifier = NoteVerifier.Parse(cosigner.VerifierKey);
        Assert.True(verifier.Verify(text, line, out var time));
        Assert.Equal(1_700_000_000UL, time);
        line.Signature[7] ^= 1;
        Assert.False(verifier.Verify(text, line, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\n")]
    [InlineData("a\n\n")]
    [InlineData("a\n\nnot a signature\n")]
    [InlineData("a\n\n\u2014 name !!!\n")]
    [InlineData("a\n\n\u2014 name AAAA\n")]
    public void Malformed_notes_are_rejected_with_a_format_error(string text) =>
        Assert.Throws<NoteFormatException>(() => SignedNote.Parse(text));

    [Theory]
    [InlineData("log\n01\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("log\n1\nAAAA\n")]
    [InlineData("\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("log\n1\n")]
    [InlineData("log\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    public void Malformed_checkpoints_are_rejected(string text) =>
        Assert.Throws<NoteFormatException>(() => Checkpoint.Parse(text));

    [Fact]
    public void Parsers_never_throw_anything_but_format_errors_on_garbage()
    {
        FsCheck.Fluent.Prop.ForAll<string>(s =>
        {
            foreach (var parse in new Action<string>[] { t => SignedNote.Parse(t), t => Checkpoint.Parse(t), t => TlogProof.Parse(t), t => LedgerPolicy.Parse(t) })
            {
                try
                {
                    parse(s ?? string.Empty);
                }
                catch (NoteFormatException)
                {
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
