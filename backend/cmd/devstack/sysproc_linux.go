package main

import "syscall"

// childAttr puts a child in its own process group, so a Ctrl-C in the terminal reaches only
// devstack, which then stops the children in order; and stops the child (SIGTERM) if devstack dies.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
