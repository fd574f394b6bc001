using System;
using System.Runtime.CompilerServices;
using System.Text;
using CsCheck;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>
    /// Property checks that run the same inputs on every machine: CsCheck's Sample starts from a random seed, which
    /// would make CI and a developer's run see different cases. Each test draws from its own fixed PCG stream (derived
    /// from the test's name), so a failure here is a failure there, with the input printed.
    /// </summary>
    internal static class PropertyCheck
    {
        private const ulong Seed = 0x5EED_2026_1125UL;
        private const int DefaultIterations = 200;

        public static void ForAll<T>(this Gen<T> gen, Action<T> assert, int iter = DefaultIterations, [CallerMemberName] string test = "")
        {
            var pcg = new PCG(StreamFor(test), Seed);
            for (var i = 0; i < iter; i++)
            {
                var input = gen.Generate(pcg, null, out _);
                try
                {
                    assert(input);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"Property '{test}' failed at iteration {i} for input {Check.Print(input)}: {e.Message}", e);
                }
            }
        }

        public static void ForAll<T1, T2>(this Gen<(T1, T2)> gen, Action<T1, T2> assert, int iter = DefaultIterations, [CallerMemberName] string test = "") =>
            gen.ForAll(t => assert(t.Item1, t.Item2), iter, test);

        public static void ForAll<T1, T2, T3>(this Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> assert, int iter = DefaultIterations, [CallerMemberName] string test = "") =>
            gen.ForAll(t => assert(t.Item1, t.Item2, t.Item3), iter, test);

        public static void ForAll<T1, T2, T3, T4>(this Gen<(T1, T2, T3, T4)> gen, Action<T1, T2, T3, T4> assert, int iter = DefaultIterations, [CallerMemberName] string test = "") =>
            gen.ForAll(t => assert(t.Item1, t.Item2, t.Item3, t.Item4), iter, test);

        public static void ForAll<T1, T2, T3, T4, T5>(this Gen<(T1, T2, T3, T4, T5)> gen, Action<T1, T2, T3, T4, T5> assert, int iter = DefaultIterations, [CallerMemberName] string test = "") =>
            gen.ForAll(t => assert(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5), iter, test);

        public static void ForAll<T1, T2, T3, T4, T5, T6>(this Gen<(T1, T2, T3, T4, T5, T6)> gen, Action<T1, T2, T3, T4, T5, T6> assert, int iter = DefaultIterations, [CallerMemberName] string test = "") =>
            gen.ForAll(t => assert(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6), iter, test);

        public static void ForAll<T1, T2, T3, T4, T5, T6, T7>(this Gen<(T1, T2, T3, T4, T5, T6, T7)> gen, Action<T1, T2, T3, T4, T5, T6, T7> assert, int iter = DefaultIterations, [CallerMemberName] string test = "") =>
            gen.ForAll(t => assert(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7), iter, test);

        // FNV-1a over the test name: stable across runtimes, unlike string.GetHashCode.
        private static uint StreamFor(string test)
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(test)) hash = (hash ^ b) * 16777619u;
            return hash;
        }
    }
}
