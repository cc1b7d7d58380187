namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>
/// CPython 3.11's <c>random.Random</c> for the calls langdetect makes: MT19937 seeded like <c>seed(int)</c>
/// (<c>init_by_array</c> over the 32-bit words of |seed|), <c>random()</c>, <c>gauss()</c> with its cached second value,
/// <c>getrandbits(k)</c> for k ≤ 32 and <c>choice()</c> by rejection sampling.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;

    private readonly uint[] _mt = new uint[N];
    private int _mti;
    private double? _gaussNext;

    public PythonRandom(ulong seed) => Seed(seed);

    /// <summary><c>random.seed(n)</c> for a non-negative int below 2^64; also clears the cached gauss value.</summary>
    public void Seed(ulong seed)
    {
        uint[] key = seed == 0 ? [0u] : seed <= uint.MaxValue ? [(uint)seed] : [(uint)seed, (uint)(seed >> 32)];
        InitByArray(key);
        _gaussNext = null;
    }

    public uint NextUInt32()
    {
        if (_mti >= N) Twist();
        var y = _mt[_mti++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>random.random()</c>: 53 bits from two draws.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>random.getrandbits(k)</c> for 1 ≤ k ≤ 32.</summary>
    public uint GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 32);
        return NextUInt32() >> (32 - k);
    }

    /// <summary><c>random._randbelow(n)</c>, which <c>choice</c> uses: rejection on <c>getrandbits(n.bit_length())</c>.</summary>
    public int RandBelow(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        var r = GetRandBits(k);
        while (r >= (uint)n) r = GetRandBits(k);
        return (int)r;
    }

    public T Choice<T>(IReadOnlyList<T> items) => items[RandBelow(items.Count)];

    /// <summary><c>random.gauss(mu, sigma)</c>: Box–Muller pairs, the second value cached for the next call.</summary>
    public double Gauss(double mu, double sigma)
    {
        var z = _gaussNext;
        _gaussNext = null;
        if (z is null)
        {
            var x2pi = NextDouble() * (2 * Math.PI);
            var g2rad = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
            z = Math.Cos(x2pi) * g2rad;
            _gaussNext = Math.Sin(x2pi) * g2rad;
        }
        return mu + z.Value * sigma;
    }

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (var i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _mti = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
            if (j >= key.Length) j = 0;
        }
        for (var k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
        }
        _mt[0] = 0x80000000u;
    }

    private void Twist()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
        int kk;
        uint y;
        for (kk = 0; kk < N - M; kk++)
        {
            y = (_mt[kk] & upper) | (_mt[kk + 1] & lower);
            _mt[kk] = _mt[kk + M] ^ (y >> 1) ^ ((y & 1) * matrixA);
        }
        for (; kk < N - 1; kk++)
        {
            y = (_mt[kk] & upper) | (_mt[kk + 1] & lower);
            _mt[kk] = _mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1) * matrixA);
        }
        y = (_mt[N - 1] & upper) | (_mt[0] & lower);
        _mt[N - 1] = _mt[M - 1] ^ (y >> 1) ^ ((y & 1) * matrixA);
        _mti = 0;
    }
}
