# --version
args: --version
exit: 0
--- stdout
memscope 0.1.0
