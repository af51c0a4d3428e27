# a file that opens but cannot be read
args: analyze /proc/self/mem
exit: 4
--- stderr
memscope: /proc/self/mem: read error: Input/output error
