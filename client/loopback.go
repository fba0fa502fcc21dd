package client

import (
	"net"
	"strings"
)

// IsLoopbackHost reports whether host names this machine: "localhost" or
// a literal loopback address (127.0.0.0/8, ::1). A name that merely
// resolves to one is not: it could resolve elsewhere tomorrow.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
