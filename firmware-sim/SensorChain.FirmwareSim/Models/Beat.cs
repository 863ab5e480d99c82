namespace SensorChain.FirmwareSim.Models;

/// <summary>One heartbeat: its R-peak time (seconds since the run's start) and the RR intervals around it.</summary>
internal readonly record struct Beat(long Index, double Time, double PrevRr, double NextRr);
