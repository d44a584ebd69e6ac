{{%AUTOESCAPE context="HTML"}}
{{! A list of guides (results, latest, related). SNIPPET is HTML escaped by search/ with <mark> around matches. }}
<ul class="res">
{{#ITEM}}<li><a class="t" href="{{URL}}" hreflang="{{LANG}}" lang="{{LANG}}">{{TITLE}}</a>{{#SNIPPET}}<p lang="{{LANG}}">{{HTML:none}}</p>{{/SNIPPET}}{{#SUMMARY}}<p lang="{{LANG}}">{{TEXT}}</p>{{/SUMMARY}}{{#META}}<p class="m">{{TEXT}}</p>{{/META}}</li>{{/ITEM}}
</ul>
