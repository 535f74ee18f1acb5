//go:build linux

package loadbench

import "syscall"

// dieWithParent has the kernel kill the program when the thread that started it ends: Go's threads
// last as long as the process, except one whose goroutine ends locked to it, which no start here
// leaves behind. A bench killed outright leaves no server under load behind it.
func dieWithParent(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGKILL }
