using System.Diagnostics;
using System.Threading.Channels;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// Group commit for the SQLite store: writers queue their work and wait; one loop takes everything queued (up to
/// <see cref="MaxGroup"/>) and applies it in one transaction, then completes every waiter after the commit. When an item
/// fails, the transaction is rolled back and the group applied again with each item inside its own savepoint. Under
/// load N concurrent ingests cost one fsync instead of N; alone, a write is committed as soon as it arrives. A failing
/// item fails only its own caller; a failing commit fails the whole group, and nothing in it is reported stored. Every
/// caller learns its outcome only after the transaction holding it is durable.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Most items per transaction (a batch with its Observations is one item).</summary>
    public const int MaxGroup = 64;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteWriter> _open;
    private readonly SemaphoreSlim _gate;
    private readonly Thread _loop;
    private SqliteWriter? _writer;
    private long _commits;
    private long _items;
    private long _busyTicks;

    /// <param name="open">Opens the writing connection (again after a failed commit).</param>
    /// <param name="gate">Held around each group so the store's other writes (schema, enrolment) do not interleave.</param>
    public SqliteWriteQueue(Func<SqliteWriter> open, SemaphoreSlim gate)
    {
        _open = open;
        _gate = gate;
        _loop = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
        _loop.Start();
    }

    /// <summary>Transactions committed so far, the items they held and the time the writer spent in them.</summary>
    public SqliteWriteStatistics Statistics => new(
        Interlocked.Read(ref _commits), Interlocked.Read(ref _items), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks)));

    /// <summary>Queues <paramref name="write"/> and completes with its result once the transaction holding it is committed.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteWriter, T> write, CancellationToken cancellationToken)
    {
        var pending = new Pending(w => write(w)!, new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), typeof(SqliteIngestStore));

        // A caller that gives up only stops waiting: the item may still commit (ingest is idempotent on redelivery).
        return (T)await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _loop.Join();
        _writer?.Dispose();
        _writer = null;
        return ValueTask.CompletedTask;
    }

    // A thread of its own: the writer blocks on SQLite (and its fsync) by nature, and must not hold a pool thread.
    private void Run()
    {
        var group = new List<Pending>(MaxGroup);
        var results = new object?[MaxGroup];
        var errors = new Exception?[MaxGroup];
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item))
            {
                group.Add(item);
            }

            Interlocked.Add(ref _items, group.Count); // before any caller is answered, so the statistics already hold it
            _gate.Wait();
            var started = Stopwatch.GetTimestamp();
            try
            {
                Commit(group, results, errors);
            }
            finally
            {
                _gate.Release();
            }

            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);

            group.Clear();
            Array.Clear(results);
            Array.Clear(errors);
        }
    }

    private void Commit(List<Pending> group, object?[] results, Exception?[] errors)
    {
        try
        {
            _writer ??= _open();
            if (TryWithoutSavepoints(_writer, group, results))
            {
                Interlocked.Increment(ref _commits);
                CompleteAll(group, results, errors);
                return;
            }

            _writer.Begin();
            for (var i = 0; i < group.Count; i++)
            {
                try
                {
                    results[i] = _writer.InSavepoint(group[i].Write);
                }
                catch (Exception ex) when (_writer.InTransaction)
                {
                    errors[i] = ex; // undone to its savepoint; the rest of the group goes on
                }
            }

            _writer.Commit();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception ex)
        {
            // BEGIN or COMMIT failed (busy beyond the timeout, disk full, I/O error): nothing of the group is durable.
            try
            {
                _writer?.Rollback();
            }
            catch (Exception)
            {
                // the connection is reopened below
            }

            _writer?.Dispose();
            _writer = null;
            foreach (var pending in group)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        CompleteAll(group, results, errors);
    }

    /// <summary>
    /// The usual case: the whole group in one transaction with no savepoints. True when it committed; false when an item
    /// failed, after rolling everything back, so the caller applies the group again item by item in savepoints (items
    /// are pure functions of the database, so running them again is safe). A failing COMMIT throws.
    /// </summary>
    private static bool TryWithoutSavepoints(SqliteWriter writer, List<Pending> group, object?[] results)
    {
        writer.Begin();
        writer.UseSavepoints = false;
        try
        {
            for (var i = 0; i < group.Count; i++)
            {
                results[i] = group[i].Write(writer);
            }
        }
        catch (Exception)
        {
            writer.Rollback();
            Array.Clear(results);
            return false;
        }
        finally
        {
            writer.UseSavepoints = true;
        }

        writer.Commit();
        return true;
    }

    private static void CompleteAll(List<Pending> group, object?[] results, Exception?[] errors)
    {
        for (var i = 0; i < group.Count; i++)
        {
            if (errors[i] is { } error)
            {
                group[i].Done.TrySetException(error);
            }
            else
            {
                group[i].Done.TrySetResult(results[i]!);
            }
        }
    }

    private sealed record Pending(Func<SqliteWriter, object> Write, TaskCompletionSource<object> Done);
}
