package httpserver

import "time"

// SetCloseTimeout makes l's Close give up after d instead of LogCloseTimeout.
func SetCloseTimeout(l *LogFile, d time.Duration) { l.closeTimeout = d }
