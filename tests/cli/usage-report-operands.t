# report takes at most three dumps
args: report -o - a b c d
exit: 2
--- stderr
memscope: report: expected DUMP [AFTER [FINAL]], got 4 operands (see 'memscope report --help')
