{{%AUTOESCAPE context="HTML"}}
{{! The one inline stylesheet of every page: system fonts, fluid up to 40em, 44px tap targets, visible focus. Keep it under 2.5 KB. }}
<style>
*{box-sizing:border-box}
body{margin:0 auto;max-width:40em;padding:0 1rem 1rem;font:1.0625rem/1.55 system-ui,sans-serif;color:#222;background:#fff;overflow-wrap:break-word}
a{color:#0a4f8f}a:visited{color:#5a2d82}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999em}.skip:focus{left:1rem;top:.5rem;padding:.5rem;background:#fff}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;padding:.5rem 0;border-bottom:3px solid #c8962e}
.brand{display:flex;align-items:center;gap:.5rem;min-height:44px;font-weight:700;color:#222;text-decoration:none}
h1{font-size:1.5rem;line-height:1.25}
h2{font-size:1.25rem;line-height:1.3}
img{max-width:100%;height:auto}pre{overflow:auto}
svg.diagram{display:block;width:100%;max-width:32em;height:auto;margin:1rem auto}
.m,small,.topics span{color:#555;font-size:.92rem;font-weight:400}
form{margin:1rem 0}header form{flex:1 1 12em;min-width:0;margin:0}
.row{display:flex;gap:.5rem}
input,button{font:inherit;min-height:44px;border-radius:4px}
input{flex:1;width:100%;min-width:0;padding:.4rem .6rem;border:2px solid #666}
button{padding:.4rem 1rem;border:2px solid #0a4f8f;background:#0a4f8f;color:#fff}
label{display:block;font-weight:600;margin-bottom:.3rem}
mark{background:#ffe680;color:inherit}
.res,.topics,.files,nav ul{list-style:none;padding:0;margin:0}
.res li{padding:.7rem 0;border-bottom:1px solid #ddd}
.res .t,.files a,dt,summary{font-weight:600}
.res p{margin:.25rem 0}
.topics{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5em,1fr));gap:.5rem}
.topics a{display:block;height:100%;padding:.7rem;border:1px solid #bbb;border-radius:6px;text-decoration:none;font-weight:600}
.topics span{display:block}
nav ul{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 1.2rem}
nav li>*,nav>a{display:inline-block;min-width:44px;padding:.6rem 0}
.pager li>*{padding:.6rem .5rem;text-align:center}
[aria-current]{font-weight:700}
footer{margin-top:2.5rem;border-top:1px solid #ccc}
.meta{display:grid;grid-template-columns:fit-content(45%) minmax(0,1fr);gap:.2rem 1rem}
dd{margin:0}.files li{padding:.4rem 0}
summary{padding:.5rem 0;cursor:pointer}
.chip{display:inline-block;margin:0 .4rem .4rem 0;padding:0 .7rem;background:#eef3f8;border-radius:1rem}
.bar{display:block;width:100%;height:1.25rem}.bar .b{fill:#e3e3e3}
.bar .v,.chart rect{fill:#0a4f8f}
.chart{width:100%;max-width:30em;height:auto}.chart text{font-size:12px;fill:#222}
.st-behind,.st-closed-missed{color:#a1262b}.st-met,.st-on-track,.st-closed-met{color:#1d6b2f}
</style>
