// ntm: the executable. Flags are parsed here; everything else lives in the files beside this one.
import ShellKit
#if canImport(Glibc)
import Glibc
#endif

let status = Launcher.launch(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
