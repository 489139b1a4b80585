#!/bin/bash
# usage: run.sh snippet.py  -> runs under Brian2 (numpy target) and brian_cg
f=$1; d=$PWD
sed -E 's/^(\s*)from brian2((\.[a-z_.]+)?) import/\1from brian_cg\2 import/; s/^(\s*)import brian2 as/\1import brian_cg as/' $f > cg_$f
echo "== Brian2:"; (mkdir -p /tmp/b2np && echo "codegen.target = 'numpy'" > /tmp/b2np/brian_preferences && cd /tmp/b2np && MPLBACKEND=Agg timeout 300 /tmp/exv_b2/bin/python $d/$f 2>&1 | grep -v "^INFO\|WARNING.*cache" | tail -${2:-4})
echo "== brian_cg:"; MPLBACKEND=Agg PYTHONPATH=$(git rev-parse --show-toplevel) timeout 300 /tmp/exv_cg/bin/python cg_$f 2>&1 | grep -v "^INFO" | tail -${2:-4}
