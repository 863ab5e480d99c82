using System.Security.Cryptography;

namespace SensorChain.Web.Research;

/// <summary>The secret key behind research pseudonyms and date shifts (<c>DIR/research.key</c>, 32 random bytes, owner-only).</summary>
public static class ResearchKey
{
    /// <summary>File name in the data folder.</summary>
    public const string FileName = "research.key";

    /// <summary>Reads the key, or creates it.</summary>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length != 32)
            {
                throw new InvalidDataException($"{path} must hold exactly 32 bytes, found {existing.Length}.");
            }

            return existing;
        }

        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(key);
        return key;
    }
}
