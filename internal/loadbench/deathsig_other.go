//go:build unix && !linux

package loadbench

import "syscall"

// dieWithParent does nothing where there is no parent-death signal: Stop still ends the program.
func dieWithParent(*syscall.SysProcAttr) {}
