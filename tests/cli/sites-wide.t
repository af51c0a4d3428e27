# the table view keeps 20 sites and says how many it left out
args: sites testdata/wide/after.jsonl
exit: 0
--- stdout
testdata/wide/after.jsonl
Objects by allocation site (by retained bytes):
  SITE       COUNT     BYTES  RETAINED  TOP TYPE
  app.py:39     31  14.5 KiB  14.5 KiB  app.Class29
  app.py:38     30  13.6 KiB  13.6 KiB  app.Class28
  app.py:37     29  12.7 KiB  12.7 KiB  app.Class27
  app.py:36     28  11.8 KiB  11.8 KiB  app.Class26
  app.py:35     27  11.0 KiB  11.0 KiB  app.Class25
  app.py:34     26  10.2 KiB  10.2 KiB  app.Class24
  app.py:33     25   9.4 KiB   9.4 KiB  app.Class23
  app.py:32     24   8.6 KiB   8.6 KiB  app.Class22
  app.py:31     23   7.9 KiB   7.9 KiB  app.Class21
  app.py:30     22   7.2 KiB   7.2 KiB  app.Class20
  app.py:29     21   6.6 KiB   6.6 KiB  app.Class19
  app.py:28     20   5.9 KiB   5.9 KiB  app.Class18
  app.py:27     19   5.3 KiB   5.3 KiB  app.Class17
  app.py:26     18   4.8 KiB   4.8 KiB  app.Class16
  app.py:25     17   4.2 KiB   4.2 KiB  app.Class15
  app.py:24     16   3.8 KiB   3.8 KiB  app.Class14
  app.py:23     15   3.3 KiB   3.3 KiB  app.Class13
  app.py:22     14   2.8 KiB   2.8 KiB  app.Class12
  app.py:21     13   2.4 KiB   2.4 KiB  app.Class11
  app.py:20     12   2.1 KiB   2.1 KiB  app.Class10
  (top 20 of 30 sites)
  2 objects (4.0 KiB) have no allocation site
