import re,sys,os
for f in sys.argv[1:]:
    s=open(f).read()
    mods={}
    used=set()
    def repl(m):
        names=[n.strip() for n in m.group(1).split(',') if n.strip()]
        path=m.group(2)
        if names[0].isupper() or names[0].endswith('_JOBS'):
            return m.group(0)
        seg=path.split('/')[-1]
        var=re.sub(r'-(\w)',lambda x:x.group(1).upper(),seg)
        parent=path.split('/')[-2] if len(path.split('/'))>2 else ''
        if var in used or var in ('report','review','roster','signup','book','rate','redeem','dashboard','categories','profile'):
            var=var+'Actions' if var not in used else re.sub(r'-(\w)',lambda x:x.group(1).upper(),parent)+var[0].upper()+var[1:]
        used.add(var)
        for n in names: mods[n]=var
        return f"const {var} = onFirstCall(() => import('{path}'));\n"
    s=re.sub(r"import \{ ([^}]+) \} from '(\./[^']+)';\n",repl,s)
    # move consts after the imports: collect them
    consts=re.findall(r"const \w+ = onFirstCall\(\(\) => import\('[^']+'\)\);\n",s)
    for c in consts: s=s.replace(c,'',1)
    idx=s.index('\nexport const main')
    s=s[:idx]+'\n'+''.join(consts)+s[idx:]
    s=s.replace("import { createFunction } from '../../../server/kit/router';","import { onFirstCall } from '../../../server/kit/on-first-call';\nimport { createFunction } from '../../../server/kit/router';")
    for n,var in mods.items():
        s=re.sub(rf"(\n\s+){n},", rf"\1{n}: {var}.{n},", s)
        s=re.sub(rf"(\n\s+\w+): {n},", rf"\1: {var}.{n},", s)
        s=re.sub(rf"run: {n} \}}", rf"run: {var}.{n} }}", s)
        s=re.sub(rf"(: \{{ )?{n}: ({n})( \}})", lambda m: m.group(0), s)
        s=re.sub(rf"messages: \{{ (\w+): {n} \}}", rf"messages: {{ \1: {var}.{n} }}", s)
        s=re.sub(rf"\b{n}\(", f"{var}.{n}(", s)
    open(f,'w').write(s)
