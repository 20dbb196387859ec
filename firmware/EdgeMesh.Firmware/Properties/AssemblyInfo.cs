// Assembly attributes of the device build only (EdgeMesh.Firmware.nfproj); the SDK builds generate their own.
using System.Reflection;

[assembly: AssemblyTitle("EdgeMesh.Firmware")]
[assembly: AssemblyDescription("EdgeMesh node application for nanoFramework microcontrollers")]
[assembly: AssemblyCompany("EdgeMesh")]
[assembly: AssemblyProduct("EdgeMesh")]
[assembly: AssemblyVersion("0.1.0.0")]
