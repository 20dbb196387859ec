using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace EdgeMesh.Bridge.Tests.Fakes
{
    /// <summary>Polls a condition against real brokers (their timing is not ours to inject).</summary>
    internal static class Eventually
    {
        internal static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                if (condition())
                {
                    return true;
                }

                await Task.Delay(20);
            }

            return condition();
        }
    }
}
